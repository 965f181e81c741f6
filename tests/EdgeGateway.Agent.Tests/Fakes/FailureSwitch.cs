namespace EdgeGateway.Agent.Tests.Fakes;

/// <summary>Makes a fake's next kernel change fail (once), before anything is changed.</summary>
internal sealed class FailureSwitch
{
    private bool _failNext;

    public void FailOnce() => _failNext = true;

    public void ThrowIfArmed(string operation)
    {
        if (_failNext)
        {
            _failNext = false;
            throw new IOException($"{operation}: injected kernel failure (EBUSY)");
        }
    }
}
