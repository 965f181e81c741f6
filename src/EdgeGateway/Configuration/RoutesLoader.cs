using EdgeGateway.Configuration.Validation;
using EdgeGateway.Discovery;

namespace EdgeGateway.Configuration;

/// <summary>Reads, parses and validates a routes file; every validator runs so that all errors are reported at once.</summary>
internal sealed class RoutesLoader(IEnumerable<IRoutesValidator> validators)
{
    public async Task<LoadResult> LoadAsync(string file, byte[] content)
    {
        var (parsed, parseErrors) = RoutesFileParser.Parse(file, content);
        if (parsed is null)
        {
            return new LoadResult(null, parseErrors);
        }

        var errors = new List<ConfigError>();
        foreach (var validator in validators)
        {
            await validator.ValidateAsync(parsed, errors);
        }

        if (errors.Count > 0)
        {
            return new LoadResult(null, errors.OrderBy(e => e.Line ?? 0).ToList());
        }

        var clusters = parsed.Clusters.Select(SwarmClusterTranslator.Translate).ToList();
        var services = parsed.Clusters.SelectMany(SwarmClusterTranslator.Queries).Distinct().ToList();
        return new LoadResult(new LoadedRoutes(parsed.Routes, clusters, services), []);
    }

    public async Task<LoadResult> LoadAsync(string file)
    {
        byte[] content;
        try
        {
            content = await File.ReadAllBytesAsync(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new LoadResult(null, [new ConfigError(file, JsonPaths.Root, null, $"cannot read the file: {e.Message}")]);
        }

        return await LoadAsync(file, content);
    }
}
