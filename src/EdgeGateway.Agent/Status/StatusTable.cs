using System.Globalization;
using System.Text;
using EdgeGateway.Mesh.Dataplane;

namespace EdgeGateway.Agent.Status;

/// <summary>Renders what a balancer dataplane holds as a table shaped like `ipvsadm -Ln`.</summary>
internal static class StatusTable
{
    public static string Render(BalancerStatus status)
    {
        var text = new StringBuilder();
        Line(text, $"Dataplane: {status.Dataplane} ({status.Frontends.Length} frontends)");
        Line(text, $"{"Prot",-4} {"LocalAddress:Port",-28} Scheduler");
        Line(text, $"  -> {"RemoteAddress:Port",-25} {"Weight",-6} ActiveConn");
        foreach (var frontend in status.Frontends.OrderBy(f => f.Frontend.ToString(), StringComparer.Ordinal))
        {
            var protocol = frontend.Frontend.Protocol.ToString().ToUpperInvariant();
            Line(text, $"{protocol,-4} {$"{frontend.Frontend.Address}:{frontend.Frontend.Port}",-28} {frontend.Scheduler}");
            foreach (var backend in frontend.Backends)
            {
                var active = backend.ActiveConnections?.ToString(CultureInfo.InvariantCulture) ?? "-";
                Line(text, $"  -> {$"{backend.Backend.Address}:{backend.Backend.Port}",-25} {backend.Backend.Weight,-6} {active}");
            }
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, string line) => text.Append(line.TrimEnd()).Append('\n');
}
