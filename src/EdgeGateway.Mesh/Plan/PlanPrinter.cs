using System.Text;

namespace EdgeGateway.Mesh.Plan;

/// <summary>Human-readable text of a node plan, as `edge-agent plan` prints it.</summary>
public static class PlanPrinter
{
    public static string Print(NodePlan plan)
    {
        var text = new StringBuilder();
        text.AppendLine($"node {plan.Node}");
        text.AppendLine(plan.Ingress is null ? "ingress: (not managed by the agent)" : $"ingress: {Describe(plan.Ingress)}");
        text.AppendLine($"dnat ({plan.Dnat.Length}):");
        foreach (var d in plan.Dnat)
        {
            text.AppendLine($"  {d}");
        }

        text.AppendLine($"balancers ({plan.Balancers.Entries.Count}):");
        foreach (var entry in plan.Balancers.Entries.Values)
        {
            text.AppendLine($"  {entry.Frontend} {SchedulerName(entry.Scheduler)} ({entry.Service})");
            foreach (var b in entry.Backends)
            {
                text.AppendLine($"    -> {b}");
            }
        }

        return text.ToString();
    }

    public static string Describe(IngressNetworkPlan ingress) =>
        $"namespace {ingress.SandboxNamespace}, bridge {ingress.BridgeName} {ingress.SandboxAddress}/{ingress.Subnet.PrefixLength}"
        + $" on {ingress.Subnet}, vxlan {ingress.VxlanName} vni {ingress.Vni} port {ingress.VxlanPort} local {ingress.LocalUnderlay}"
        + $" peers [{string.Join(", ", ingress.PeerUnderlays)}], veth {ingress.HostVethName} {ingress.HostVethAddress}/{ingress.VethPrefixLength}"
        + $" <-> sandbox {ingress.SandboxVethAddress}/{ingress.VethPrefixLength}";

    /// <summary>Short scheduler names, as in ipvsadm.</summary>
    public static string SchedulerName(Scheduler scheduler) => scheduler switch
    {
        Scheduler.RoundRobin => "rr",
        Scheduler.ConsistentHash => "mh",
        _ => scheduler.ToString(),
    };
}
