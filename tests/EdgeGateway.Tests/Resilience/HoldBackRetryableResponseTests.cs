using EdgeGateway.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms.Builder;

namespace EdgeGateway.Tests.Resilience;

public sealed class HoldBackRetryableResponseTests
{
    [Fact]
    public void ValidateRoute_BadTimeoutMetadata_AddsErrorNamingRoute()
    {
        var context = new TransformRouteValidationContext
        {
            Services = new ServiceCollection().BuildServiceProvider(),
            Route = new RouteConfig
            {
                RouteId = "api",
                Metadata = new Dictionary<string, string> { [RouteTimeout.MetadataKey] = "soon" },
            },
        };

        new HoldBackRetryableResponse().ValidateRoute(context);

        var error = Assert.Single(context.Errors);
        Assert.Equal("route 'api': Metadata 'Resilience.Timeout' must be a positive TimeSpan such as '00:00:05', got 'soon'.", error.Message);
    }

    [Fact]
    public async Task ValidateRoute_BadTimeoutMetadataInProxyConfig_ProxyRefusesTheConfig()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => ResilienceTestProxy.StartAsync(
            new Dictionary<string, Uri> { ["a"] = new("http://127.0.0.2:9/") },
            routeMetadata: new Dictionary<string, string> { [RouteTimeout.MetadataKey] = "soon" }));

        Assert.Contains("Metadata 'Resilience.Timeout' must be a positive TimeSpan", Flatten(error), StringComparison.Ordinal);
    }

    private static string Flatten(Exception error) =>
        error is AggregateException aggregate
            ? string.Join("\n", aggregate.InnerExceptions.Select(Flatten))
            : error.Message + (error.InnerException is null ? "" : "\n" + Flatten(error.InnerException));
}
