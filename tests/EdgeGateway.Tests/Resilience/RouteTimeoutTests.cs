using EdgeGateway.Resilience;
using Yarp.ReverseProxy.Configuration;

namespace EdgeGateway.Tests.Resilience;

public sealed class RouteTimeoutTests
{
    [Fact]
    public void Of_NoMetadata_Infinite() =>
        Assert.Equal(Timeout.InfiniteTimeSpan, RouteTimeout.Of(Route(null)));

    [Fact]
    public void Of_TimeSpanMetadata_ThatTimeout() =>
        Assert.Equal(TimeSpan.FromSeconds(2.5), RouteTimeout.Of(Route("00:00:02.5")));

    [Theory]
    [InlineData("5s")]
    [InlineData("00:00:00")]
    [InlineData("-00:00:01")]
    public void Validate_NotAPositiveTimeSpan_NamesRouteKeyAndValue(string value) =>
        Assert.Equal(
            $"route 'api': Metadata 'Resilience.Timeout' must be a positive TimeSpan such as '00:00:05', got '{value}'.",
            RouteTimeout.Validate(Route(value)));

    [Fact]
    public void Validate_ValidOrMissing_NoError()
    {
        Assert.Null(RouteTimeout.Validate(Route("00:00:05")));
        Assert.Null(RouteTimeout.Validate(Route(null)));
    }

    private static RouteConfig Route(string? timeout) => new()
    {
        RouteId = "api",
        ClusterId = "c",
        Metadata = timeout is null ? null : new Dictionary<string, string> { [RouteTimeout.MetadataKey] = timeout },
    };
}
