using System.Globalization;
using System.Text.RegularExpressions;

namespace EdgeGateway.IntegrationTests.Support;

/// <summary>Samples of a Prometheus text exposition: name, labels, value.</summary>
public sealed partial class PrometheusText
{
    private PrometheusText(IReadOnlyList<Sample> samples) => Samples = samples;

    public IReadOnlyList<Sample> Samples { get; }

    public static PrometheusText Parse(string text) =>
        new([.. text.Split('\n').Select(l => SampleLine().Match(l)).Where(m => m.Success).Select(ToSample)]);

    /// <summary>The samples of one metric whose labels include every given pair.</summary>
    public IEnumerable<Sample> Of(string name, params (string Label, string Value)[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Label, out var v) && v == l.Value));

    public double Sum(string name, params (string Label, string Value)[] labels) => Of(name, labels).Sum(s => s.Value);

    private static Sample ToSample(Match match) => new(
        match.Groups["name"].Value,
        LabelPair().Matches(match.Groups["labels"].Value).ToDictionary(l => l.Groups[1].Value, l => l.Groups[2].Value),
        double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(\w+)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();

    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
    {
        public override string ToString() => $"{Name}{{{string.Join(',', Labels.Select(l => $"{l.Key}=\"{l.Value}\""))}}} {Value}";
    }
}
