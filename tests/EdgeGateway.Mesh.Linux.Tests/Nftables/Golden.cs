namespace EdgeGateway.Mesh.Linux.Tests.Nftables;

/// <summary>
/// Compares nft batches the way they matter to the kernel: the set of commands regardless of order, except that
/// rules keep their order within a chain.
/// </summary>
internal static class Golden
{
    public static void Equal(string expected, string actual)
    {
        var (expectedOther, expectedRules) = Split(expected);
        var (actualOther, actualRules) = Split(actual);
        Assert.Equal(expectedOther.Order(StringComparer.Ordinal), actualOther.Order(StringComparer.Ordinal));
        Assert.Equal(expectedRules.Keys.Order(StringComparer.Ordinal), actualRules.Keys.Order(StringComparer.Ordinal));
        foreach (var (chain, rules) in expectedRules)
        {
            Assert.Equal(rules, actualRules[chain]);
        }
    }

    private static (List<string> Other, Dictionary<string, List<string>> Rules) Split(string batch)
    {
        var other = new List<string>();
        var rules = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var line in batch.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var words = line.Split(' ');
            if (words is ["add", "rule", _, _, _, ..])
            {
                var chain = words[4];
                rules.TryAdd(chain, []);
                rules[chain].Add(line);
            }
            else
            {
                other.Add(line);
            }
        }

        return (other, rules);
    }
}
