using EdgeGateway.Configuration.Validation;

namespace EdgeGateway.Tests.Configuration.Validation;

public class DuplicateMatchValidatorTests
{
    [Fact]
    public async Task Validate_TwoRoutesSameMatch_ReportsTheSecond()
    {
        var errors = await ValidatorRunner.RunAsync(new DuplicateMatchValidator(), """
            {
              'Routes': {
                'a': { 'ClusterId': 'c', 'Match': { 'Path': '/x', 'Hosts': [ 'example.com' ] } },
                'b': { 'ClusterId': 'c', 'Match': { 'Path': '/X', 'Hosts': [ 'EXAMPLE.com' ] } }
              }
            }
            """);

        Assert.Equal(["routes.json:4: $.Routes.b.Match: route 'b' has the same Match and Order as route 'a'"], errors);
    }

    [Fact]
    public async Task Validate_SameMatchDifferentOrder_NoErrors()
    {
        var errors = await ValidatorRunner.RunAsync(new DuplicateMatchValidator(), """
            {
              'Routes': {
                'a': { 'ClusterId': 'c', 'Match': { 'Path': '/x' } },
                'b': { 'ClusterId': 'c', 'Order': 1, 'Match': { 'Path': '/x' } }
              }
            }
            """);

        Assert.Empty(errors);
    }
}
