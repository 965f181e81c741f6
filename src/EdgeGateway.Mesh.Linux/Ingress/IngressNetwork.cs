using System.Net;
using EdgeGateway.Mesh.Dataplane;
using EdgeGateway.Mesh.Linux.Namespaces;
using EdgeGateway.Mesh.Linux.Rtnetlink;
using EdgeGateway.Mesh.Linux.Sysctls;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Mesh.Linux.Ingress;

/// <summary>
/// Builds the standalone ingress network like Docker's ingress sandbox: a namespace holding the overlay bridge and
/// the VXLAN device (created in the host namespace on the underlay device and then moved in, so its UDP socket stays
/// on the underlay), one flood entry per peer node, and a veth to the host side. Every step checks what exists and
/// changes only what differs, so a restarted agent adopts an earlier run's network.
/// </summary>
internal sealed class IngressNetwork : IIngressNetwork, IAsyncDisposable
{
    /// <summary>Name of the veth end inside the sandbox (the sandbox is ours, so a fixed name is safe).</summary>
    public const string SandboxVethName = "edge-host0";

    private readonly NetNamespace? _host;
    private readonly Dictionary<string, NetNamespace> _sandboxes = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <param name="host">Where the host side lives; null for the caller's own namespace.</param>
    public IngressNetwork(NetNamespace? host) => _host = host;

    public async Task EnsureAsync(IngressNetworkPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await NetNamespaceStore.EnsureAsync(plan.SandboxNamespace).ConfigureAwait(false);
            var sandbox = await SandboxAsync(plan.SandboxNamespace).ConfigureAwait(false);
            var vxlanInSandbox = await sandbox.RunAsync(() => SandboxVxlanMatches(plan), cancellationToken).ConfigureAwait(false);
            await OnHostAsync(() => EnsureHostSide(plan, createVxlan: !vxlanInSandbox), cancellationToken).ConfigureAwait(false);
            await sandbox.RunAsync(() => EnsureSandboxSide(plan), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task RemoveAsync(IngressNetworkPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_sandboxes.Remove(plan.SandboxNamespace, out var sandbox))
            {
                await sandbox.DisposeAsync().ConfigureAwait(false);
            }

            await OnHostAsync(() =>
            {
                using var host = RtnetlinkClient.Open();
                if (host.FindLink(plan.HostVethName) is { } veth)
                {
                    host.DeleteLink(veth.Index);
                }
            }, cancellationToken).ConfigureAwait(false);

            // Deleting the namespace destroys the bridge, the VXLAN device and the sandbox end of the veth with it.
            NetNamespaceStore.Delete(plan.SandboxNamespace);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var sandbox in _sandboxes.Values)
        {
            await sandbox.DisposeAsync().ConfigureAwait(false);
        }

        _sandboxes.Clear();
        _gate.Dispose();
    }

    // A VXLAN device with the plan's name but another VNI or port is replaced; true when the right one is there.
    private static bool SandboxVxlanMatches(IngressNetworkPlan plan)
    {
        using var client = RtnetlinkClient.Open();
        if (client.FindLink(plan.VxlanName) is not { } vxlan)
        {
            return false;
        }

        if (vxlan.Kind == "vxlan" && vxlan.Vni == plan.Vni)
        {
            return true;
        }

        client.DeleteLink(vxlan.Index);
        return false;
    }

    private static void EnsureHostSide(IngressNetworkPlan plan, bool createVxlan)
    {
        using var host = RtnetlinkClient.Open();
        MeshSysctls.Apply(MeshSysctls.Host);
        if (createVxlan)
        {
            var underlay = host.DumpAddresses().FirstOrDefault(a => a.Address.Equals(plan.LocalUnderlay))
                ?? throw new InvalidOperationException($"ingress network: underlay address {plan.LocalUnderlay} is on no interface of this node");
            if (host.FindLink(plan.VxlanName) is { } leftover)
            {
                host.DeleteLink(leftover.Index);
            }

            host.CreateVxlan(new VxlanSpec(plan.VxlanName, plan.Vni, plan.VxlanPort, plan.LocalUnderlay, underlay.Index, Learning: false));
            host.MoveToNamespace(host.GetLink(plan.VxlanName).Index, plan.SandboxNamespace);
        }

        if (host.FindLink(plan.HostVethName) is null)
        {
            host.CreateVeth(plan.HostVethName, SandboxVethName, plan.SandboxNamespace);
        }

        var veth = host.GetLink(plan.HostVethName);
        LinkState.EnsureOnlyAddress(host, veth.Index, plan.HostVethAddress, plan.VethPrefixLength);
        host.SetUp(veth.Index);
    }

    private static void EnsureSandboxSide(IngressNetworkPlan plan)
    {
        using var client = RtnetlinkClient.Open();
        MeshSysctls.Apply(MeshSysctls.Sandbox);
        client.SetUp(client.GetLink("lo").Index);

        var bridge = LinkState.EnsureBridge(client, plan.BridgeName);
        LinkState.EnsureOnlyAddress(client, bridge, plan.SandboxAddress, plan.Subnet.PrefixLength);
        client.SetUp(bridge);

        var vxlan = client.GetLink(plan.VxlanName);
        if (vxlan.Master != bridge)
        {
            client.SetMaster(vxlan.Index, bridge);
        }

        LinkState.EnsureFloodEntries(client, vxlan.Index, plan.PeerUnderlays);
        client.SetUp(vxlan.Index);

        var veth = client.GetLink(SandboxVethName);
        LinkState.EnsureOnlyAddress(client, veth.Index, plan.SandboxVethAddress, plan.VethPrefixLength);
        client.SetUp(veth.Index);

        // Replies to clients that reached us through the host's DNAT go back the way they came.
        client.ReplaceRoute(new IPNetwork(IPAddress.Any, 0), plan.HostVethAddress, veth.Index);
    }

    private async Task<NetNamespace> SandboxAsync(string name)
    {
        if (!_sandboxes.TryGetValue(name, out var sandbox))
        {
            sandbox = await NetNamespace.OpenAsync(name).ConfigureAwait(false);
            _sandboxes[name] = sandbox;
        }

        return sandbox;
    }

    private Task OnHostAsync(Action work, CancellationToken cancellationToken)
    {
        if (_host is not null)
        {
            return _host.RunAsync(work, cancellationToken);
        }

        work();
        return Task.CompletedTask;
    }
}
