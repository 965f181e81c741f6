using EdgeGateway.Configuration.Validation;

namespace EdgeGateway.Tests.Configuration.Validation;

public class ClusterReferenceValidatorTests
{
    [Fact]
    public async Task Validate_UnknownCluster_NamesRouteClusterAndLine()
    {
        var errors = await ValidatorRunner.RunAsync(new ClusterReferenceValidator(), """
            {
              'Routes': {
                'web': { 'ClusterId': 'wbe', 'Match': { 'Path': '/' } }
              },
              'Clusters': { 'web': { 'Destinations': { 'd': { 'Address': 'http://127.0.0.1:1' } } } }
            }
            """);

        Assert.Equal(["routes.json:3: $.Routes.web.ClusterId: route 'web' refers to unknown cluster 'wbe'"], errors);
    }

    [Fact]
    public async Task Validate_MissingClusterId_ReportsRoute()
    {
        var errors = await ValidatorRunner.RunAsync(new ClusterReferenceValidator(), """
            {
              'Routes': {
                'web': { 'Match': { 'Path': '/' } }
              }
            }
            """);

        Assert.Equal(["routes.json:3: $.Routes.web: route 'web' has no ClusterId"], errors);
    }

    [Fact]
    public async Task Validate_ClusterIdOfOtherCase_Accepted()
    {
        var errors = await ValidatorRunner.RunAsync(new ClusterReferenceValidator(), """
            { 'Routes': { 'web': { 'ClusterId': 'WEB', 'Match': { 'Path': '/' } } }, 'Clusters': { 'web': { } } }
            """);

        Assert.Empty(errors);
    }
}
