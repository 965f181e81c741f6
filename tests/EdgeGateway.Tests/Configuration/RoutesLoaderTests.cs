using EdgeGateway.Configuration;
using EdgeGateway.Configuration.Validation;
using EdgeGateway.Discovery;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.Tests.Configuration;

public class RoutesLoaderTests
{
    private static RoutesLoader Create()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddReverseProxy();
        services.AddRoutesFile();
        return services.BuildServiceProvider().GetRequiredService<RoutesLoader>();
    }

    [Fact]
    public async Task LoadAsync_SeveralProblems_AllReportedInLineOrder()
    {
        var result = await Create().LoadAsync(RoutesJson.File, RoutesJson.Bytes("""
            {
              'Routes': {
                'a': { 'ClusterId': 'nope', 'Match': { 'Path': '/a' } },
                'b': { 'ClusterId': 'api', 'Match': { 'Path': '/b' } }
              },
              'Clusters': {
                'api': {
                  'Metadata': { 'EndpointMode': 'tasks' },
                  'Destinations': { 'd': { 'Address': 'http://api' } }
                }
              }
            }
            """));

        Assert.Null(result.Routes);
        Assert.Equal(
            [
                "routes.json:3: $.Routes.a.ClusterId: route 'a' refers to unknown cluster 'nope'",
                "routes.json:8: $.Clusters.api.Metadata.EndpointMode: cluster 'api' has bad endpoint mode 'tasks' (expected 'vip' or 'dnsrr')",
                "routes.json:9: $.Clusters.api.Destinations.d.Address: cluster 'api' destination 'd' has bad address 'http://api': a swarm service address needs an explicit port, e.g. http://api:80",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public async Task LoadAsync_ValidFile_SwarmClustersTranslatedAndServicesListed()
    {
        var result = await Create().LoadAsync(RoutesJson.File, RoutesJson.Bytes(RoutesJson.Valid));

        Assert.Empty(result.Errors);
        var api = result.Routes!.Clusters.Single(c => c.ClusterId == "api");
        Assert.Equal("http://_dnsrr.api:8080/", api.Destinations!["tasks"].Address);
        Assert.Equal("api:8080", api.Destinations["tasks"].Host);
        Assert.Equal("http://127.0.0.1:5000", result.Routes.Clusters.Single(c => c.ClusterId == "web").Destinations!["d1"].Address);
        Assert.Equal([new SwarmServiceQuery("api", EndpointMode.Dnsrr, 8080)], result.Routes.SwarmServices);
    }

    [Fact]
    public async Task LoadAsync_MissingFile_NamesTheFile()
    {
        var result = await Create().LoadAsync("/nonexistent/routes.json");

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("/nonexistent/routes.json: $: cannot read the file: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AddRoutesFile_EveryConcern_HasItsValidator()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddReverseProxy();
        services.AddRoutesFile();

        var validators = services.BuildServiceProvider().GetServices<IRoutesValidator>().Select(v => v.GetType().Name).Order();

        Assert.Equal(
            ["ClusterReferenceValidator", "DestinationAddressValidator", "DuplicateIdValidator", "DuplicateMatchValidator", "EndpointModeValidator", "YarpRulesValidator"],
            validators);
    }
}
