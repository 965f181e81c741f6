using EdgeGateway.Configuration;

namespace EdgeGateway.Tests.Configuration;

public class JsonSourceMapTests
{
    private static readonly JsonSourceMap Map = JsonSourceMap.Build(RoutesJson.Bytes("""
        {
          'Routes': {
            'a.b': { 'Match': { 'Hosts': [ 'x', 'y' ] } }
          },
          'Clusters': { 'c': { 'Metadata': { 'EndpointMode': 'vip' } } }
        }
        """));

    [Theory]
    [InlineData("$.Routes", 2)]
    [InlineData("$.Routes['a.b'].Match.Hosts", 3)]
    [InlineData("$.Clusters.c.Metadata.EndpointMode", 5)]
    public void LineOf_MappedPath_LineOfThePropertyName(string path, int line)
    {
        Assert.Equal(line, Map.LineOf(path));
    }

    [Fact]
    public void LineOf_UnmappedChild_FallsBackToTheNearestParent()
    {
        Assert.Equal(5, Map.LineOf("$.Clusters.c.Destinations"));
        Assert.Null(Map.LineOf("$.Nothing"));
    }
}
