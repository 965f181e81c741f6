using EdgeGateway.Agent.Configuration;
using EdgeGateway.Agent.Kernel;

namespace EdgeGateway.Agent.Tests.Kernel;

public class DataplaneSelectorTests
{
    [Theory]
    [InlineData(DataplaneKind.Auto, true, DataplaneKind.Ipvs)]
    [InlineData(DataplaneKind.Auto, false, DataplaneKind.Nftables)]
    [InlineData(DataplaneKind.Nftables, true, DataplaneKind.Nftables)]
    [InlineData(DataplaneKind.Ipvs, true, DataplaneKind.Ipvs)]
    public void Select_ConfiguredAndProbed_GivesDataplane(DataplaneKind configured, bool ipvs, DataplaneKind expected) =>
        Assert.Equal(expected, DataplaneSelector.Select(configured, ipvs));

    [Fact]
    public void Select_IpvsConfiguredButMissing_Throws()
    {
        var error = Assert.Throws<InvalidOperationException>(() => DataplaneSelector.Select(DataplaneKind.Ipvs, ipvsAvailable: false));

        Assert.Contains("no IPVS", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Select_NoneOutsideDocker_ThrowsNamingTheDockerSource(bool ipvs)
    {
        var error = Assert.Throws<InvalidOperationException>(() => DataplaneSelector.Select(DataplaneKind.None, ipvs));

        Assert.Contains("--source docker", error.Message, StringComparison.Ordinal);
    }
}
