using System.Runtime.CompilerServices;

namespace EdgeGateway.Tests;

/// <summary>Process-wide settings for the gateways these tests host in process.</summary>
internal static class TestEnvironment
{
    /// <summary>The drain delay a gateway started here without <c>--drain-delay</c> gets from the environment.</summary>
    public static readonly TimeSpan DrainDelay = TimeSpan.Zero;

    /// <summary>
    /// In-process gateways stop at once: the drain has its own tests (Hosting/), and five seconds on every test
    /// host's stop would add minutes to the suite.
    /// </summary>
    [ModuleInitializer]
    public static void Initialize() => Environment.SetEnvironmentVariable("EDGE_DRAIN_DELAY", "0");
}
