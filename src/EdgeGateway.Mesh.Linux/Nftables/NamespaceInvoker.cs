namespace EdgeGateway.Mesh.Linux.Nftables;

/// <summary>Runs a piece of work on a thread that is inside the intended network namespace.</summary>
public delegate Task<string> NamespaceInvoker(Func<string> work, CancellationToken cancellationToken);
