namespace EdgeGateway.Configuration;

/// <summary>One problem in the routes file: which file, where in it, and what is wrong.</summary>
internal sealed record ConfigError(string File, string JsonPath, int? Line, string Message, int? Column = null)
{
    public override string ToString()
    {
        var where = (Line, Column) switch
        {
            ({ } line, { } column) => $"{File}:{line}:{column}",
            ({ } line, null) => $"{File}:{line}",
            _ => File,
        };
        return $"{where}: {JsonPath}: {Message}";
    }
}
