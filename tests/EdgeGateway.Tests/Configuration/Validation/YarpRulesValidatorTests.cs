using EdgeGateway.Configuration.Validation;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Configuration;

namespace EdgeGateway.Tests.Configuration.Validation;

public class YarpRulesValidatorTests
{
    private static YarpRulesValidator Create()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddReverseProxy();
        return new YarpRulesValidator(services.BuildServiceProvider().GetRequiredService<IConfigValidator>());
    }

    [Fact]
    public async Task Validate_UnknownLoadBalancingPolicy_ReportedAtTheCluster()
    {
        var errors = await ValidatorRunner.RunAsync(Create(), """
            {
              'Clusters': {
                'web': { 'LoadBalancingPolicy': 'Fastest', 'Destinations': { 'd': { 'Address': 'http://127.0.0.1:1' } } }
              }
            }
            """);

        Assert.Equal(["routes.json:3: $.Clusters.web: No matching ILoadBalancingPolicy found for the load balancing policy 'Fastest' set on the cluster 'web'."], errors);
    }

    [Fact]
    public async Task Validate_RouteWithoutPathOrHosts_ReportedAtTheRoute()
    {
        var errors = await ValidatorRunner.RunAsync(Create(), """
            {
              'Routes': {
                'r': { 'ClusterId': 'c', 'Match': { } }
              }
            }
            """);

        Assert.Equal(["routes.json:3: $.Routes.r: Route 'r' requires Hosts or Path specified. Set the Path to '/{**catchall}' to match all requests."], errors);
    }

    [Fact]
    public async Task Validate_ValidFile_NoErrors()
    {
        Assert.Empty(await ValidatorRunner.RunAsync(Create(), RoutesJson.Valid));
    }
}
