namespace EdgeGateway.Configuration.Validation;

/// <summary>Checks one concern of a parsed routes file and appends every problem it finds; never stops at the first.</summary>
internal interface IRoutesValidator
{
    ValueTask ValidateAsync(ParsedRoutes routes, List<ConfigError> errors);
}
