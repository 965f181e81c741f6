using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Agent.Cli;

/// <summary>
/// When a stopping agent (SIGTERM) stops following and serving its state: at once, or after its <see cref="StopDrain"/>
/// when other agents may still have to read what it publishes. Until then the reconcile loop goes on and the long polls
/// of <c>/v1/cluster-state</c> are answered as usual; the listener closes after.
/// </summary>
internal sealed class AgentStopping : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenRegistration _registration;

    public AgentStopping(IHostApplicationLifetime lifetime, StopDrain drain, TimeProvider time, ILogger<AgentStopping> logger)
    {
        ArgumentNullException.ThrowIfNull(lifetime);
        ArgumentNullException.ThrowIfNull(drain);
        _registration = lifetime.ApplicationStopping.Register(() =>
        {
            if (drain.Duration <= TimeSpan.Zero)
            {
                Stop();
                return;
            }

            Log.StopDrained(logger, drain.Duration);
            _ = Task.Delay(drain.Duration, time).ContinueWith(_ => Stop(), TaskScheduler.Default);
        });
    }

    public CancellationToken Token => _stopping.Token;

    public void Dispose()
    {
        _registration.Dispose();
        _stopping.Dispose();
    }

    private void Stop()
    {
        try
        {
            _stopping.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // the agent has already stopped
        }
    }
}
