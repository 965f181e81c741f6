using System.CommandLine;
using EdgeGateway.Agent.Cli;
using EdgeGateway.Agent.Configuration;
using EdgeGateway.Agent.Feed;
using EdgeGateway.Agent.Kernel;
using EdgeGateway.Agent.Metrics;
using EdgeGateway.Agent.Reconcile;
using EdgeGateway.Agent.State;
using EdgeGateway.Mesh.Linux.Nftables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Agent.Docker;

/// <summary>
/// `edge-agent run --source docker`: the agent on a Docker swarm node. It waits until the node is in a swarm with
/// its ingress sandbox up, then follows the cluster state (Docker's on a manager, a manager's agent's on a worker) and
/// publishes it for the gateway and the other agents. Where the kernel has IPVS (or dataplane none is set), Docker's
/// own mesh balances and the agent programs nothing; otherwise it installs the published-port DNAT in the host
/// namespace and the nftables balancing in Docker's ingress and container sandboxes. When the node is promoted or demoted, it
/// stops following in the old role and runs again in the new one (<see cref="SwarmRoleWatch"/>).
/// </summary>
internal static class DockerRunner
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A stopping dockerd sends SIGTERM to every container of its node at the same moment, this agent's among them; the
    /// worker's agent keeps following and publishing this much longer, so the managers' agents read that the node's
    /// tasks are leaving before it exits (docs/agent.md, a worker's dockerd stopped).
    /// </summary>
    public static readonly TimeSpan WorkerStopDrain = TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(CommonOptions common, ParseResult parse, CancellationToken cancellationToken)
    {
        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
        var logger = loggers.CreateLogger(typeof(DockerRunner));
        using var docker = DockerEngine.Connect(DockerEngine.DefaultEndpoint);
        var identity = await WaitForSwarmAsync(docker, logger, cancellationToken).ConfigureAwait(false);
        var options = common.Load(parse, identity.NodeId) with { DockerIngressAddress = identity.IngressSandboxAddress };

        if (options.Dataplane == DataplaneKind.Ipvs)
        {
            throw new AgentConfigException("dataplane 'ipvs' is Docker's own mesh on a Docker node; use auto, nftables or none");
        }

        var balances = options.Dataplane == DataplaneKind.Nftables || (options.Dataplane == DataplaneKind.Auto && !Mesh.Linux.KernelProbe.HasIpvs());
        if (!balances)
        {
            Log.DockerMeshWorks(logger);
        }

        var roles = new SwarmRoleWatch(docker.System.GetSystemInfoAsync, TimeProvider.System);
        while (true)
        {
            // Stopping leaves the kernel as it is, so the agent in its new role adopts what it finds and drops nothing.
            using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var roleChange = EndOnRoleChangeAsync(roles, identity.IsManager, run);
            var exit = await RunInRoleAsync(docker, identity, options, balances, run.Token).ConfigureAwait(false);
            await run.CancelAsync().ConfigureAwait(false);
            if (await roleChange.ConfigureAwait(false) is not { } manager || cancellationToken.IsCancellationRequested)
            {
                return exit;
            }

            Log.SwarmRoleChanged(logger, manager ? "manager" : "worker");
            identity = await WaitForSwarmAsync(docker, logger, cancellationToken).ConfigureAwait(false);
            options = options with { DockerIngressAddress = identity.IngressSandboxAddress };
        }
    }

    /// <summary>Ends the run once this node's role changed, with the new role (true: manager); null when the run ended first.</summary>
    private static async Task<bool?> EndOnRoleChangeAsync(SwarmRoleWatch roles, bool isManager, CancellationTokenSource run)
    {
        try
        {
            var manager = await roles.ChangedFromAsync(isManager, run.Token).ConfigureAwait(false);
            await run.CancelAsync().ConfigureAwait(false);
            return manager;
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>The agent in this node's swarm role, until stopped or <paramref name="cancellationToken"/> ends it.</summary>
    private static Task<int> RunInRoleAsync(global::Docker.DotNet.IDockerClient docker, DockerNodeIdentity identity, AgentOptions options, bool balances, CancellationToken cancellationToken)
    {
        if (!balances)
        {
            return RunCommand.ObserveAsync(options, services => AddStateSource(services, docker, identity, options, balancer: null), cancellationToken);
        }

        return RunCommand.HostAsync(options, "nftables (docker)", services =>
        {
            services.AddSingleton(sp => new DockerBalancer(identity.IngressSandboxAddress, DockerNodeIdentity.IngressSandboxPath, sp.GetRequiredService<ILogger<DockerBalancer>>()));
            services.AddSingleton(sp => new MeshDataplanes(
                null,
                NftablesDataplanes.CreatePublishedPortDnat(new PublishedPortDnatOptions(
                    [DockerNodeIdentity.GatewayBridgeNetwork], DockerUserInterface: DockerNodeIdentity.GatewayBridgeNetwork)),
                sp.GetRequiredService<DockerBalancer>()));
            AddStateSource(services, docker, identity, options, sp => sp.GetRequiredService<DockerBalancer>());
        }, cancellationToken);
    }

    /// <summary>
    /// The cluster state source of this node's role. With a <paramref name="balancer"/>, the source keeps its container
    /// sandboxes current and the dead tasks' connections are forgotten there; without one, Docker's mesh balances.
    /// </summary>
    private static void AddStateSource(IServiceCollection services, global::Docker.DotNet.IDockerClient docker, DockerNodeIdentity identity, AgentOptions options, Func<IServiceProvider, DockerBalancer>? balancer)
    {
        if (identity.IsManager)
        {
            services.AddSingleton(sp =>
            {
                var nodeBalancer = balancer?.Invoke(sp);
                return Forgetting(ManagerSource(docker, options, nodeBalancer, sp), nodeBalancer);
            });
            return;
        }

        services.AddSingleton(sp =>
        {
            var outage = new DockerOutage(docker, options.Node!, TimeProvider.System, sp.GetRequiredService<ILogger<DockerOutage>>());
            // A stopping dockerd closes its API before it stops the containers, this agent's among them: ask at once.
            sp.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(outage.Suspect);
            return outage;
        });
        services.AddSingleton(new StopDrain(WorkerStopDrain));
        services.AddSingleton(sp =>
        {
            var nodeBalancer = balancer?.Invoke(sp);
            return Forgetting(WorkerSource(docker, options, nodeBalancer, sp), nodeBalancer);
        });
    }

    private static IClusterStateSource Forgetting(IClusterStateSource source, DockerBalancer? balancer) =>
        balancer is null ? source : new DeadTaskConnections(source, balancer.ForgetConnectionsAsync);

    /// <summary>Docker's state read here, with what the other nodes' agents report about their own tasks.</summary>
    private static DockerClusterStateSource ManagerSource(global::Docker.DotNet.IDockerClient docker, AgentOptions options, DockerBalancer? balancer, IServiceProvider services)
    {
        var http = ClusterStateClient.CreateHttpClient();
        var logger = services.GetRequiredService<ILogger<NodeTaskReports>>();
        return new DockerClusterStateSource(
            docker,
            balancer is null ? null : balancer.UpdateSandboxesAsync,
            changed => new NodeTaskReports(new ClusterStateClient(http), options.Node!, options.AdminUrl.Port, changed, TimeProvider.System, logger),
            TimeProvider.System,
            services.GetRequiredService<ILogger<DockerClusterStateSource>>());
    }

    /// <summary>
    /// A worker's dockerd has no manager API: the cluster state comes from a manager's agent (the configured one, else
    /// those `docker info` lists, at this agent's admin port); local events and sandboxes from the local dockerd.
    /// </summary>
    private static WorkerClusterStateSource WorkerSource(global::Docker.DotNet.IDockerClient docker, AgentOptions options, DockerBalancer? balancer, IServiceProvider services)
    {
        var http = ClusterStateClient.CreateHttpClient();
        var managers = new ManagerStateFollower(
            new ClusterStateClient(http),
            async cancellationToken => options.ManagerUrl is { } configured
                ? [configured]
                : ManagerDiscovery.FromInfo(await docker.System.GetSystemInfoAsync(cancellationToken).ConfigureAwait(false), options.AdminUrl.Port),
            TimeProvider.System,
            services.GetRequiredService<ILogger<ManagerStateFollower>>());
        var metrics = services.GetRequiredService<AgentMetrics>();
        managers.Rejected += _ => metrics.StateRejected();
        return new WorkerClusterStateSource(
            docker, managers, services.GetRequiredService<DockerOutage>(), balancer is null ? null : balancer.UpdateSandboxesAsync, TimeProvider.System, services.GetRequiredService<ILogger<WorkerClusterStateSource>>());
    }

    /// <summary>The agent may start before the swarm or its ingress sandbox exists: wait, saying why.</summary>
    private static async Task<DockerNodeIdentity> WaitForSwarmAsync(global::Docker.DotNet.IDockerClient docker, ILogger logger, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(500);
        while (true)
        {
            try
            {
                return await DockerNodeIdentity.ReadAsync(docker, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is DockerStateException or global::Docker.DotNet.DockerApiException or HttpRequestException or IOException)
            {
                Log.DockerReadFailed(logger, e.Message);
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxWait.Ticks));
        }
    }
}
