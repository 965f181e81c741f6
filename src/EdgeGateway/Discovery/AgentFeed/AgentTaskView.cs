using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text.Json;

namespace EdgeGateway.Discovery.AgentFeed;

/// <summary>
/// What the node agent's cluster state says about task addresses: those of running tasks, and those of tasks told to
/// stop or gone (stopping, shutdown, complete, failed). The agent learns these from Docker's events (its own node's
/// containers, the other nodes' agents), ahead of Docker's DNS.
/// </summary>
internal sealed class AgentTaskView(string version, FrozenSet<IPAddress> running, FrozenSet<IPAddress> leaving)
{
    private static readonly FrozenSet<string> LeavingStates = FrozenSet.Create(StringComparer.OrdinalIgnoreCase, "stopping", "shutdown", "complete", "failed");

    public string Version { get; } = version;

    /// <summary>True when a leaving task has the address and no running one does (swarm reuses addresses).</summary>
    public bool IsLeaving(IPAddress address) => leaving.Contains(address) && !running.Contains(address);

    /// <summary>
    /// Reads the agent's state document (docs/agent.md): only <c>tasks[].state</c> and <c>tasks[].addresses</c>, the
    /// rest is the agent's business. Throws <see cref="AgentFeedException"/> naming what is wrong and where.
    /// </summary>
    public static AgentTaskView Parse(string version, string json)
    {
        var runningAddresses = new HashSet<IPAddress>();
        var leavingAddresses = new HashSet<IPAddress>();
        try
        {
            using var document = JsonDocument.Parse(json);
            if (!document.RootElement.TryGetProperty("tasks", out var tasks) || tasks.ValueKind != JsonValueKind.Array)
            {
                throw new AgentFeedException("the state has no 'tasks' array");
            }

            var index = 0;
            foreach (var task in tasks.EnumerateArray())
            {
                var state = task.TryGetProperty("state", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "running";
                var target = state.Equals("running", StringComparison.OrdinalIgnoreCase) ? runningAddresses
                    : LeavingStates.Contains(state) ? leavingAddresses
                    : null;
                if (target is not null && task.TryGetProperty("addresses", out var addresses) && addresses.ValueKind == JsonValueKind.Object)
                {
                    foreach (var address in addresses.EnumerateObject())
                    {
                        target.Add(TryParseAddress(address.Value.GetString(), out var ip)
                            ? ip
                            : throw new AgentFeedException($"tasks[{index}].addresses.{address.Name}: '{address.Value}' is not an IP address"));
                    }
                }

                index++;
            }
        }
        catch (JsonException e)
        {
            throw new AgentFeedException($"the state is not valid JSON (line {e.LineNumber + 1}): {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            throw new AgentFeedException($"the state has a value of the wrong type: {e.Message}", e);
        }

        return new AgentTaskView(version, runningAddresses.ToFrozenSet(), leavingAddresses.ToFrozenSet());
    }

    // IPAddress also takes shorthands like "10.0.0" (10.0.0.0): an IPv4 address must be written out in full.
    private static bool TryParseAddress(string? text, [NotNullWhen(true)] out IPAddress? address) =>
        IPAddress.TryParse(text, out address)
        && (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork || text.Count(c => c == '.') == 3);
}
