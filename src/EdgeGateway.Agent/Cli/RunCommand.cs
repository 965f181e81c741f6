using System.CommandLine;
using EdgeGateway.Agent.Configuration;
using EdgeGateway.Agent.Docker;
using EdgeGateway.Agent.Feed;
using EdgeGateway.Agent.Kernel;
using EdgeGateway.Agent.Metrics;
using EdgeGateway.Agent.Reconcile;
using EdgeGateway.Agent.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace EdgeGateway.Agent.Cli;

/// <summary>
/// `edge-agent run`: follows the state file and keeps the kernel in line with this node's plan, with /metrics,
/// /healthz and the cluster state it follows (/v1/cluster-state, read by the agents on swarm workers) on the admin URL. Stopping leaves the kernel as it is, so a restart drops no connection.
/// </summary>
internal static class RunCommand
{
    public static Command Create(CommonOptions common, TextWriter error)
    {
        var source = SourceOption.Create();
        var command = new Command("run", "Build the mesh on this node and keep it in line with the cluster state") { source };
        command.SetAction((parse, cancellationToken) => AgentCommandLine.Guard(error, () => parse.GetValue(source) == SourceOption.Docker
            ? DockerRunner.RunAsync(common, parse, cancellationToken)
            : RunFromFileAsync(common.Load(parse), cancellationToken)));
        return command;
    }

    private static async Task<int> RunFromFileAsync(AgentOptions options, CancellationToken cancellationToken)
    {
        var kind = KernelDataplanes.Choose(options.Dataplane);
        await using var kernel = KernelDataplanes.Create(options, kind);
        return await HostAsync(options, kind.ToString().ToLowerInvariant(), services =>
        {
            services.AddSingleton(kernel.Dataplanes);
            services.AddSingleton<IClusterStateSource>(sp =>
            {
                var source = new FileClusterStateSource(options.StateFile, options.StatePollInterval, TimeProvider.System, sp.GetRequiredService<ILogger<FileClusterStateSource>>());
                var metrics = sp.GetRequiredService<AgentMetrics>();
                source.Rejected += _ => metrics.StateRejected();
                return source;
            });
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs the reconcile loop with the admin endpoints until stopped. <paramref name="register"/> adds the
    /// <see cref="MeshDataplanes"/> and the <see cref="IClusterStateSource"/>.
    /// </summary>
    public static Task<int> HostAsync(AgentOptions options, string dataplane, Action<IServiceCollection> register, CancellationToken cancellationToken) =>
        ServeAsync<ReconcileLoop>(options, dataplane, services =>
        {
            services.AddSingleton<AgentPlanner>();
            services.AddSingleton<Reconciler>();
            register(services);
        }, cancellationToken);

    /// <summary>
    /// Follows and publishes the cluster state with the admin endpoints until stopped, programming nothing (dataplane
    /// none). <paramref name="register"/> adds the <see cref="IClusterStateSource"/>.
    /// </summary>
    public static Task<int> ObserveAsync(AgentOptions options, Action<IServiceCollection> register, CancellationToken cancellationToken) =>
        ServeAsync<StateObserver>(options, "none (Docker's own mesh balances)", register, cancellationToken);

    /// <summary>Runs <typeparamref name="TLoop"/> on the published state source, with the admin endpoints, until stopped.</summary>
    private static async Task<int> ServeAsync<TLoop>(AgentOptions options, string dataplane, Action<IServiceCollection> register, CancellationToken cancellationToken)
        where TLoop : IAgentLoop
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        AdminListeners.Configure(builder.WebHost, options);
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new AgentMetrics(Prometheus.Metrics.DefaultRegistry, TimeProvider.System));
        services.AddSingleton<ClusterStateFeed>();
        services.AddSingleton<IAgentLoop>(sp => ActivatorUtilities.CreateInstance<TLoop>(
            sp, new PublishingStateSource(sp.GetRequiredService<IClusterStateSource>(), sp.GetRequiredService<ClusterStateFeed>())));
        register(services);
        services.TryAddSingleton(StopDrain.None);
        services.AddSingleton<AgentStopping>();

        await using var app = builder.Build();
        app.MapMetrics("/metrics");
        app.MapGet("/healthz", (IAgentLoop loop) =>
            loop.NotReadyBecause is { } why ? Results.Text(why + "\n", statusCode: 503) : Results.Text("ok\n"));
        app.MapClusterState();

        var source = app.Services.GetRequiredService<IClusterStateSource>();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        AdminListeners.OpenSocket(options);
        Log.Started(app.Logger, options.Node!, source.Description, dataplane, options.AdminUrl);
        // The host turns SIGTERM and Ctrl+C into ApplicationStopping, which ends the loop (after a drain, if needed), or the caller's token does.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, app.Services.GetRequiredService<AgentStopping>().Token);
        try
        {
            await app.Services.GetRequiredService<IAgentLoop>().RunAsync(stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stop requested: leave the kernel as it is.
        }
        finally
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return 0;
    }
}
