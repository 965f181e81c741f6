namespace EdgeGateway.Resilience;

/// <summary>Binds and checks the <c>Resilience</c> section once, so a bad value stops the start with a clear message.</summary>
internal static class ResilienceOptionsReader
{
    public static ResilienceOptions Read(IConfiguration configuration)
    {
        ResilienceOptions options;
        try
        {
            options = configuration.GetSection(ResilienceOptions.SectionName).Get<ResilienceOptions>() ?? new ResilienceOptions();
        }
        catch (InvalidOperationException e)
        {
            // The binder names the key and the type it expected.
            throw new GatewayStartupException(e.Message);
        }

        var result = new ResilienceOptionsValidator().Validate(null, options);
        return result.Failed ? throw new GatewayStartupException(string.Join(Environment.NewLine, result.Failures)) : options;
    }
}
