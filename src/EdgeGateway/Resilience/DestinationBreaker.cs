using Polly;
using Polly.CircuitBreaker;

namespace EdgeGateway.Resilience;

/// <summary>
/// A Polly circuit breaker for one destination. Attempts are chosen by YARP's load balancer, so outcomes are fed to the
/// breaker after the fact; an open destination is kept out of selection until Polly admits a single trial attempt.
/// </summary>
internal sealed class DestinationBreaker
{
    private readonly ResiliencePipeline<bool> _pipeline;
    private readonly CircuitBreakerStateProvider _state = new();
    private readonly TimeProvider _time;
    private long _openUntilTicks;

    public DestinationBreaker(CircuitBreakerOptions options, TimeProvider time, Action<CircuitState> changed)
    {
        _time = time;
        _pipeline = new ResiliencePipelineBuilder<bool> { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<bool>
            {
                FailureRatio = options.FailureRatio,
                MinimumThroughput = options.MinimumThroughput,
                SamplingDuration = options.SamplingDuration,
                BreakDuration = options.BreakDuration,
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Result),
                StateProvider = _state,
                OnOpened = args =>
                {
                    Interlocked.Exchange(ref _openUntilTicks, (_time.GetUtcNow() + args.BreakDuration).UtcTicks);
                    changed(CircuitState.Open);
                    return ValueTask.CompletedTask;
                },
                OnHalfOpened = _ =>
                {
                    changed(CircuitState.HalfOpen);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    changed(CircuitState.Closed);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public bool IsClosed => _state.CircuitState == CircuitState.Closed;

    /// <summary>
    /// Records the outcome of an attempt made while the circuit was closed. Synchronous: the breaker's bookkeeping and
    /// state callbacks never wait, so a success costs no async state machine on the request path.
    /// </summary>
    public void Report(bool failed)
    {
        var context = ResilienceContextPool.Shared.Get();
        try
        {
            // Rejections (the circuit opened meanwhile) come back as an outcome, not an exception: nothing to do then.
            var execution = _pipeline.ExecuteOutcomeAsync(static (_, failed) => Outcome.FromResultAsValueTask(failed), context, failed);
            if (!execution.IsCompletedSuccessfully)
            {
                execution.AsTask().GetAwaiter().GetResult();
            }
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// Asks Polly for the half-open trial. Returns null while the break lasts or another trial runs; otherwise the
    /// caller must send exactly one attempt to this destination and complete the trial with its outcome.
    /// </summary>
    public async ValueTask<CircuitTrial?> TryBeginTrialAsync()
    {
        // Skips asking Polly (which answers a refusal with an exception object) while a trial runs or the break lasts.
        if (_state.CircuitState != CircuitState.Open || _time.GetUtcNow().UtcTicks < Interlocked.Read(ref _openUntilTicks))
        {
            return null;
        }

        var trial = new CircuitTrial();
        var context = ResilienceContextPool.Shared.Get();
        var execution = _pipeline.ExecuteOutcomeAsync(
            static async (_, trial) => Outcome.FromResult(await trial.RunAsync().ConfigureAwait(false)), context, trial).AsTask();
        _ = execution.ContinueWith(_ => ResilienceContextPool.Shared.Return(context), TaskScheduler.Default);
        var first = await Task.WhenAny(trial.Admitted, execution).ConfigureAwait(false);
        return first == execution ? null : trial;
    }
}
