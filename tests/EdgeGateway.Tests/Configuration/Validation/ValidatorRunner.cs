using EdgeGateway.Configuration;
using EdgeGateway.Configuration.Validation;

namespace EdgeGateway.Tests.Configuration.Validation;

internal static class ValidatorRunner
{
    /// <summary>Runs one validator on a routes file and returns its messages as the gateway prints them.</summary>
    public static async Task<IReadOnlyList<string>> RunAsync(IRoutesValidator validator, string json)
    {
        var errors = new List<ConfigError>();
        await validator.ValidateAsync(RoutesJson.Parse(json), errors);
        return errors.Select(e => e.ToString()).ToList();
    }
}
