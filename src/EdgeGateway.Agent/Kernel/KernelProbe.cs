namespace EdgeGateway.Agent.Kernel;

/// <summary>What the running kernel offers.</summary>
internal static class KernelProbe
{
    /// <summary>The ip_vs module is loaded when the kernel publishes its connection table.</summary>
    public static bool HasIpvs() => File.Exists("/proc/net/ip_vs");
}
