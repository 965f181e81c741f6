using System.Net;
using EdgeGateway.Mesh.Linux.Nftables;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Mesh.Linux.Tests.Nftables;

public class ChainNamesTests
{
    private static readonly Frontend WebFrontend = new(IPAddress.Parse("10.0.0.2"), L4Protocol.Tcp, 80);

    [Fact]
    public void ForService_Frontend_PrefixHashAndReadableKey()
    {
        var name = ChainNames.ForService("web", WebFrontend);

        Assert.Matches("^svc-[A-Z2-7]{8}-web/tcp/80$", name);
        Assert.Equal(name, ChainNames.ForService("web", WebFrontend));
    }

    [Fact]
    public void ForService_SameServiceOtherAddress_OtherHash()
    {
        var other = WebFrontend with { Address = IPAddress.Parse("10.0.0.9") };

        Assert.NotEqual(ChainNames.ForService("web", WebFrontend), ChainNames.ForService("web", other));
    }

    [Fact]
    public void ForService_CharactersNftCannotParse_Replaced()
    {
        var name = ChainNames.ForService("my stack:web+1", WebFrontend);

        Assert.EndsWith("-my_stack_web_1/tcp/80", name, StringComparison.Ordinal);
    }

    [Fact]
    public void ServiceOf_GeneratedName_ReadableService()
    {
        Assert.Equal("stack_web", ChainNames.ServiceOf(ChainNames.ForService("stack_web", WebFrontend)));
    }

    [Theory]
    [InlineData("prerouting", false)]
    [InlineData("svc-", false)]
    [InlineData("svc-ABCDEFGH-web/tcp/80", true)]
    public void IsService_Name_TellsGeneratedFromFixed(string chain, bool expected)
    {
        Assert.Equal(expected, ChainNames.IsService(chain));
    }
}
