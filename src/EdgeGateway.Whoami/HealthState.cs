namespace EdgeGateway.Whoami;

/// <summary>Whether <c>/health</c> answers 200 or 503; flipped over HTTP so tests can make an instance unhealthy.</summary>
internal sealed class HealthState(bool unhealthy)
{
    private volatile bool _healthy = !unhealthy;

    public bool Healthy
    {
        get => _healthy;
        set => _healthy = value;
    }
}
