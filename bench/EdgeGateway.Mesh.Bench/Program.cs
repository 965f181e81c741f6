// mesh-bench: the routing mesh benchmark's driver (bench/mesh.sh runs it; needs root for the kernel parts).
//   mesh-bench scale SERVICES TASKS CHANGES            time the nftables dataplane (current namespace)
//   mesh-bench program SERVICES BACKEND:PORT           fill the current namespace's balancer, service 0 -> BACKEND
//   mesh-bench state NODES WEB_NODE WEB_TASK SERVICES TASKS
//                                                      print an agent state file (NODES: name=underlay,...)
//   mesh-bench agent-change NODES WEB_NODE WEB_TASK SERVICES TASKS STATE_FILE SANDBOX METRICS_URL CHANGES
//                                                      time edge-agent from state file change to kernel
using System.Globalization;
using System.Net;
using EdgeGateway.Mesh.Bench;

static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);

static StateFiles States(string[] a) => new(
    [.. a[1].Split(',').Select(n => (n.Split('=')[0], IPAddress.Parse(n.Split('=')[1])))],
    a[2],
    IPAddress.Parse(a[3]),
    Int(a[4]),
    Int(a[5]));

switch (args)
{
    case ["scale", var services, var tasks, var changes]:
        await DataplaneScale.RunAsync(Int(services), Int(tasks), Int(changes)).ConfigureAwait(false);
        return 0;
    case ["program", var services, var backend]:
        await DataplaneProgram.RunAsync(Int(services), IPEndPoint.Parse(backend)).ConfigureAwait(false);
        return 0;
    case ["state", _, _, _, _, _]:
        Console.WriteLine(States(args).Render());
        return 0;
    case ["agent-change", _, _, _, _, _, var stateFile, var sandbox, var metrics, var changes]:
        await AgentChange.RunAsync(States(args), stateFile, sandbox, new Uri(metrics), Int(changes)).ConfigureAwait(false);
        return 0;
    default:
        Console.Error.WriteLine("usage: see the header of bench/EdgeGateway.Mesh.Bench/Program.cs");
        return 2;
}
