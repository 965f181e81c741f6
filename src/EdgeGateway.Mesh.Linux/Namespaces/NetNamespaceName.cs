namespace EdgeGateway.Mesh.Linux.Namespaces;

/// <summary>Named network namespaces live as bind mounts under /var/run/netns, as iproute2 keeps them.</summary>
public static class NetNamespaceName
{
    public const string RunDirectory = "/var/run/netns";

    public static string PathOf(string name)
    {
        Validate(name);
        return Path.Combine(RunDirectory, name);
    }

    public static void Validate(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name is "." or ".." || name.Contains('/', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"network namespace name '{name}' is not a valid file name", nameof(name));
        }
    }
}
