namespace EdgeGateway.Agent.Cli;

/// <summary>How much longer a stopping agent keeps following and serving its state (zero: it stops at once).</summary>
internal sealed record StopDrain(TimeSpan Duration)
{
    public static StopDrain None { get; } = new(TimeSpan.Zero);
}
