namespace EdgeGateway.Resilience;

/// <summary>The one attempt a half-open circuit lets through; its outcome closes or re-opens the circuit.</summary>
internal sealed class CircuitTrial
{
    private readonly TaskCompletionSource _admitted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<bool> _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Admitted => _admitted.Task;

    /// <summary>Runs inside the breaker's execution: signals admission, then waits for the attempt's outcome.</summary>
    public Task<bool> RunAsync()
    {
        _admitted.TrySetResult();
        return _failed.Task;
    }

    public void Complete(bool failed) => _failed.TrySetResult(failed);
}
