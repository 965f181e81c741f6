namespace EdgeGateway.Mesh.Linux.Nftables;

/// <summary>The commands of one nft batch, applied as one transaction. Each command counts as one kernel operation.</summary>
internal sealed class NftablesTransaction
{
    private readonly List<string> _commands = [];

    public int Count => _commands.Count;

    public IReadOnlyList<string> Commands => _commands;

    public void Add(string command) => _commands.Add(command);

    public override string ToString() => string.Join('\n', _commands) + "\n";
}
