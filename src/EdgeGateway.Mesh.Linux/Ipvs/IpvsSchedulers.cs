using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Mesh.Linux.Ipvs;

/// <summary>
/// Maps plan schedulers onto IPVS scheduler modules: weighted round robin (weight 0 drains), and Maglev hashing
/// (mh) for consistent hashing, falling back to source hashing (sh) on kernels without mh.
/// </summary>
internal sealed class IpvsSchedulers
{
    public const string WeightedRoundRobin = "wrr";
    public const string MaglevHash = "mh";
    public const string SourceHash = "sh";

    private volatile bool _maglevMissing;

    public string NameFor(Scheduler scheduler) => scheduler switch
    {
        Scheduler.ConsistentHash => _maglevMissing ? SourceHash : MaglevHash,
        _ => WeightedRoundRobin,
    };

    /// <summary>The kernel said the scheduler does not exist; returns the one to try instead, if any.</summary>
    public string? FallbackFor(string name)
    {
        if (name != MaglevHash)
        {
            return null;
        }

        _maglevMissing = true;
        return SourceHash;
    }

    public static Scheduler FromName(string name) => name is MaglevHash or SourceHash ? Scheduler.ConsistentHash : Scheduler.RoundRobin;
}
