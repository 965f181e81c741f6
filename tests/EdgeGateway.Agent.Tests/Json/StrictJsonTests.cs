using System.Text.Json;
using EdgeGateway.Agent.Json;

namespace EdgeGateway.Agent.Tests.Json;

public class StrictJsonTests
{
    private sealed record Sample(string? Name, int Port);

    [Fact]
    public void Options_CommentsAndTrailingComma_Accepted()
    {
        var sample = JsonSerializer.Deserialize<Sample>("{ // the node\n \"name\": \"n1\", \"port\": 80, }", StrictJson.Options);

        Assert.Equal(new Sample("n1", 80), sample);
    }

    [Fact]
    public void Options_UnknownField_Refused()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Sample>("{ \"name\": \"n1\", \"prot\": 80 }", StrictJson.Options));

        Assert.Contains("prot", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_WrongType_PathLineAndFirstSentence()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Sample>("{\n \"name\": \"n1\",\n \"port\": \"eighty\"\n}", StrictJson.Options));

        var described = StrictJson.Describe(error);

        Assert.StartsWith("port (line 3): ", described, StringComparison.Ordinal);
        Assert.DoesNotContain(". Path:", described, StringComparison.Ordinal);
    }
}
