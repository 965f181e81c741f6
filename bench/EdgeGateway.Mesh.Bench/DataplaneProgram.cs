using System.Net;
using EdgeGateway.Mesh.Linux.Nftables;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Mesh.Bench;

/// <summary>
/// `program`: fills the current namespace's balancer with SERVICES x 10 tasks where service 0 sends to one real
/// backend, and prints service 0's frontend address (what the per-connection benchmark connects to).
/// </summary>
internal static class DataplaneProgram
{
    public static async Task RunAsync(int services, IPEndPoint backend)
    {
        var plan = ScalePlans.Build(services, 10, new Backend(backend.Address, backend.Port, 1));
        await using var dataplane = NftablesDataplanes.CreateBalancer();
        await dataplane.AdoptAsync(CancellationToken.None).ConfigureAwait(false);
        var (operations, ms) = await Timing.TimeAsync(() => dataplane.ApplyAsync(plan, CancellationToken.None)).ConfigureAwait(false);
        Timing.Report("program", ("services", services), ("frontend", ScalePlans.FrontendOf(0)), ("operations", operations), ("ms", ms));
    }
}
