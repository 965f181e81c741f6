namespace EdgeGateway.Agent.Cli;

/// <summary>How much longer a stopping agent keeps serving its admin listener, and when it needs to.</summary>
internal sealed record StopDrain(TimeSpan Duration, Func<bool> Needed)
{
    public static StopDrain None { get; } = new(TimeSpan.Zero, () => false);
}
