using EdgeGateway.Configuration.Validation;

namespace EdgeGateway.Tests.Configuration.Validation;

public class DestinationAddressValidatorTests
{
    [Theory]
    [InlineData("127.0.0.1:5000", "expected an absolute http:// or https:// URL")]
    [InlineData("ftp://files:21", "expected an absolute http:// or https:// URL")]
    public async Task Validate_NotAnHttpUrl_ReportsBadAddress(string address, string problem)
    {
        var errors = await ValidatorRunner.RunAsync(new DestinationAddressValidator(), $$"""
            {
              'Clusters': {
                'web': { 'Destinations': { 'd1': {
                  'Address': '{{address}}' } } }
              }
            }
            """);

        Assert.Equal([$"routes.json:4: $.Clusters.web.Destinations.d1.Address: cluster 'web' destination 'd1' has bad address '{address}': {problem}"], errors);
    }

    [Theory]
    [InlineData("http://whoami", "a swarm service address needs an explicit port, e.g. http://whoami:80")]
    [InlineData("http://tasks.whoami:80", "write the service name without 'tasks.'; the dnsrr endpoint mode adds it")]
    [InlineData("http://-bad:80", "'-bad' is not a swarm service name")]
    public async Task Validate_BadSwarmAddress_ReportsWhy(string address, string problem)
    {
        var errors = await ValidatorRunner.RunAsync(new DestinationAddressValidator(), $$"""
            {
              'Clusters': {
                'api': { 'Metadata': { 'EndpointMode': 'dnsrr' }, 'Destinations': {
                  'tasks': { 'Address': '{{address}}' } } }
              }
            }
            """);

        Assert.Equal([$"routes.json:4: $.Clusters.api.Destinations.tasks.Address: cluster 'api' destination 'tasks' has bad address '{address}': {problem}"], errors);
    }

    [Fact]
    public async Task Validate_SwarmClusterWithoutDestinations_Reported()
    {
        var errors = await ValidatorRunner.RunAsync(new DestinationAddressValidator(), """
            {
              'Clusters': {
                'api': { 'Metadata': { 'EndpointMode': 'vip' } }
              }
            }
            """);

        Assert.Equal(["routes.json:3: $.Clusters.api: swarm cluster 'api' has no destinations"], errors);
    }

    [Fact]
    public async Task Validate_EveryBadDestination_AllReported()
    {
        var errors = await ValidatorRunner.RunAsync(new DestinationAddressValidator(), """
            { 'Clusters': { 'web': { 'Destinations': { 'a': { 'Address': 'nope' }, 'b': { 'Address': 'also nope' } } } } }
            """);

        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public async Task Validate_ValidFile_NoErrors()
    {
        Assert.Empty(await ValidatorRunner.RunAsync(new DestinationAddressValidator(), RoutesJson.Valid));
    }
}
