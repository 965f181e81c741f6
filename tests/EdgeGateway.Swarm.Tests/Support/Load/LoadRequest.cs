using System.Diagnostics;

namespace EdgeGateway.Swarm.Tests.Support.Load;

/// <summary>
/// One request of a <see cref="SteadyLoad"/>: its row, when it was sent and ended (Stopwatch timestamps), and why it
/// failed (null: it got its whole 2xx answer).
/// </summary>
public sealed record LoadRequest(LoadRow Row, long Sent, long Ended, Failure? Failure)
{
    public bool Answered => Failure is null;

    public TimeSpan Took => Stopwatch.GetElapsedTime(Sent, Ended);

    /// <summary>Whether the request was in flight at some moment between the two timestamps.</summary>
    public bool InFlightDuring(long from, long to) => Sent <= to && Ended >= from;
}
