using EdgeGateway.Configuration.Validation;

namespace EdgeGateway.Tests.Configuration.Validation;

public class EndpointModeValidatorTests
{
    [Fact]
    public async Task Validate_UnknownMode_NamesClusterValueAndChoices()
    {
        var errors = await ValidatorRunner.RunAsync(new EndpointModeValidator(), """
            {
              'Clusters': {
                'api': {
                  'Metadata': { 'EndpointMode': 'round-robin' },
                  'Destinations': { 'd': { 'Address': 'http://api:80' } }
                }
              }
            }
            """);

        Assert.Equal(["routes.json:4: $.Clusters.api.Metadata.EndpointMode: cluster 'api' has bad endpoint mode 'round-robin' (expected 'vip' or 'dnsrr')"], errors);
    }

    [Fact]
    public async Task Validate_VipAndDnsrr_NoErrors()
    {
        var errors = await ValidatorRunner.RunAsync(new EndpointModeValidator(), """
            { 'Clusters': { 'a': { 'Metadata': { 'EndpointMode': 'vip' } }, 'b': { 'Metadata': { 'EndpointMode': 'DNSRR' } } } }
            """);

        Assert.Empty(errors);
    }
}
