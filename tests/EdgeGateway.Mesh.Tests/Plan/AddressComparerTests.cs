using EdgeGateway.Mesh.Plan;
using static EdgeGateway.Mesh.Tests.TestStates;

namespace EdgeGateway.Mesh.Tests.Plan;

public class AddressComparerTests
{
    [Fact]
    public void Compare_Addresses_OrdersNumericallyWithIpv4First()
    {
        var sorted = new[] { Ip("10.0.0.10"), Ip("fd00::10"), Ip("10.0.0.9"), Ip("fd00::2"), Ip("9.255.255.255") }.Order(AddressComparer.Instance);

        Assert.Equal([Ip("9.255.255.255"), Ip("10.0.0.9"), Ip("10.0.0.10"), Ip("fd00::2"), Ip("fd00::10")], sorted);
    }
}
