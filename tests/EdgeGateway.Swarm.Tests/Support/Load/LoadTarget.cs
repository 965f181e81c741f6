namespace EdgeGateway.Swarm.Tests.Support.Load;

/// <summary>How a load client holds its connections.</summary>
public enum ConnectionMode
{
    /// <summary>Pooled connections, recycled after a short lifetime so the mesh chooses again now and then.</summary>
    KeepAlive,

    /// <summary>A new connection for every request (Connection: close): the mesh chooses a gateway task each time.</summary>
    NewConnection,
}

/// <summary>One kind of request the load sends: a method to a path on one node's published port.</summary>
public sealed record LoadTarget(string Node, Uri Url, HttpMethod Method)
{
    /// <summary>GET and POST to every path on every node's address.</summary>
    public static IReadOnlyList<LoadTarget> Every(IEnumerable<(string Node, string Address)> nodes, int port, IEnumerable<string> paths) =>
        [.. from node in nodes
            from path in paths
            from method in new[] { HttpMethod.Get, HttpMethod.Post }
            select new LoadTarget(node.Node, new Uri($"http://{node.Address}:{port}{path}"), method)];
}
