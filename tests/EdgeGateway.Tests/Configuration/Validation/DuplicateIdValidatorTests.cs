using EdgeGateway.Configuration.Validation;

namespace EdgeGateway.Tests.Configuration.Validation;

public class DuplicateIdValidatorTests
{
    [Fact]
    public async Task Validate_SameRouteIdTwiceInOtherCase_ReportsDuplicateRoute()
    {
        var errors = await ValidatorRunner.RunAsync(new DuplicateIdValidator(), """
            {
              'Routes': {
                'web': { 'ClusterId': 'web', 'Match': { 'Path': '/a' } },
                'Web': { 'ClusterId': 'web', 'Match': { 'Path': '/b' } }
              },
              'Clusters': { 'web': { } }
            }
            """);

        Assert.Equal(["routes.json:4: $.Routes.Web: duplicate route 'Web' (first defined on line 3; ids are case-insensitive)"], errors);
    }

    [Fact]
    public async Task Validate_SameClusterIdTwice_ReportsDuplicateCluster()
    {
        var errors = await ValidatorRunner.RunAsync(new DuplicateIdValidator(), """
            {
              'Clusters': {
                'web': { },
                'WEB': { }
              }
            }
            """);

        Assert.Equal(["routes.json:4: $.Clusters.WEB: duplicate cluster 'WEB' (first defined on line 3; ids are case-insensitive)"], errors);
    }

    [Fact]
    public async Task Validate_DistinctIds_NoErrors()
    {
        Assert.Empty(await ValidatorRunner.RunAsync(new DuplicateIdValidator(), RoutesJson.Valid));
    }
}
