using System.Reflection;

namespace EdgeGateway.IntegrationTests.Support;

/// <summary>Where the build put the gateway and whoami assemblies (same configuration as the tests).</summary>
public static class BuildOutputs
{
    public static string GatewayDll => Find("GatewayDll");

    public static string WhoamiDll => Find("WhoamiDll");

    private static string Find(string key)
    {
        var path = typeof(BuildOutputs).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == key).Value!;
        var full = Path.GetFullPath(path);
        return File.Exists(full)
            ? full
            : throw new FileNotFoundException($"{key} not built: {full} is missing (build the test project first)", full);
    }
}
