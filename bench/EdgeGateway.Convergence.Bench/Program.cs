// convergence-bench: the convergence benchmark's driver (bench/convergence.sh runs it, as root, with DOCKER_HOST
// naming the swarm manager's dockerd).
//   convergence-bench STACK ROUNDS LABEL=URL...
// Probes every path of every gateway service (LABEL=URL: the label of a gateway service and its published URL, in
// the order SERVICE|LABEL=URL) with new connections, then ROUNDS times: scales both upstreams 3 -> 4, kills one task
// of each, scales back to 3. Prints the markdown tables on stdout, progress on stderr.
using System.Diagnostics;
using System.Globalization;
using EdgeGateway.Convergence.Bench;

if (args.Length < 3)
{
    Console.Error.WriteLine("usage: convergence-bench STACK ROUNDS SERVICE|LABEL=URL...");
    return 2;
}

var swarm = new Swarm(args[0]);
var rounds = int.Parse(args[1], CultureInfo.InvariantCulture);
GatewayService[] gateways = [.. args[2..].Select(a =>
{
    var (name, url) = (a[..a.IndexOf('=', StringComparison.Ordinal)], a[(a.IndexOf('=', StringComparison.Ordinal) + 1)..]);
    return new GatewayService(name.Split('|')[0], new Uri(url), name.Split('|')[1]);
})];

var clock = Stopwatch.StartNew();
var probes = gateways.SelectMany(g => UpstreamPath.All.Select(p => new ProbeKey(g, p)))
    .ToDictionary(k => k, k => new Probe($"{k.Gateway.Label} {k.Path.Path}", new Uri(k.Gateway.Published, k.Path.Path), clock));
try
{
    while (probes.Values.Any(p => p.Hostnames.Count == 0))
    {
        if (clock.Elapsed > TimeSpan.FromSeconds(120))
        {
            Console.Error.WriteLine($"no answer within 120 s from: {string.Join(", ", probes.Values.Where(p => p.Hostnames.Count == 0).Select(p => p.Name))}");
            return 1;
        }

        await Task.Delay(200).ConfigureAwait(false);
    }

    var scales = new List<ScaleResult>();
    var kills = new List<KillResult>();
    for (var round = 1; round <= rounds; round++)
    {
        Console.Error.WriteLine($"== round {round}: scale 3 -> 4");
        scales.Add(await ScaleRound.RunAsync(swarm, probes, clock, 3).ConfigureAwait(false));
        Console.Error.WriteLine($"== round {round}: kill one task of each upstream");
        kills.Add(await KillRound.RunAsync(swarm, gateways, probes, clock).ConfigureAwait(false));
        Console.Error.WriteLine($"== round {round}: scale back to 3");
        await swarm.ScaleAsync(3, [.. UpstreamPath.All.Select(p => p.Service)]).ConfigureAwait(false);
        foreach (var path in UpstreamPath.All)
        {
            while ((await swarm.RunningAsync(path.Service).ConfigureAwait(false)).Count != 3)
            {
                await Task.Delay(500).ConfigureAwait(false);
            }
        }

        // Let the removed tasks drain out of every view before the next round.
        await Task.Delay(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        Console.Error.Write(Report.Render(gateways, scales, kills));
    }

    Console.Write(Report.Render(gateways, scales, kills));
    return 0;
}
finally
{
    foreach (var probe in probes.Values)
    {
        await probe.DisposeAsync().ConfigureAwait(false);
    }
}
