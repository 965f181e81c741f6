using System.Diagnostics;

namespace EdgeGateway.Swarm.Tests.Support.Load;

/// <summary>One request of a <see cref="SteadyLoad"/>: when it was sent and ended (Stopwatch timestamps), and whether it got its answer.</summary>
public sealed record LoadRequest(long Sent, long Ended, bool Answered)
{
    public TimeSpan Took => Stopwatch.GetElapsedTime(Sent, Ended);
}
