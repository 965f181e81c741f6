using EdgeGateway.Configuration;

namespace EdgeGateway.Tests.Configuration;

public class RoutesFileParserTests
{
    [Fact]
    public void Parse_ValidFile_TakesIdsFromKeys()
    {
        var (routes, errors) = RoutesFileParser.Parse("routes.json", RoutesJson.Bytes(RoutesJson.Valid));

        Assert.Empty(errors);
        Assert.Equal(["web", "api"], routes!.Routes.Select(r => r.RouteId));
        Assert.Equal(["web", "api"], routes.Clusters.Select(c => c.ClusterId));
        Assert.Equal("api", routes.Routes[1].ClusterId);
    }

    [Fact]
    public void Parse_BrokenJson_ReportsLineAndPosition()
    {
        var (routes, errors) = RoutesFileParser.Parse("routes.json", RoutesJson.Bytes("""
            {
              'Routes': {
                'web': { 'ClusterId': 'web' 'Match': { 'Path': '/' } }
              }
            }
            """));

        Assert.Null(routes);
        var error = Assert.Single(errors);
        Assert.Equal("routes.json:3:33: $.Routes.web: invalid JSON: '\"' is invalid after a value. Expected either ',', '}', or ']'.", error.ToString());
    }

    [Fact]
    public void Parse_MisspelledProperty_NamesItsPath()
    {
        var (_, errors) = RoutesFileParser.Parse("routes.json", RoutesJson.Bytes("""
            {
              'Clusters': {
                'web': { 'Destinations': { 'd': { 'Adress': 'http://127.0.0.1:1' } } }
              }
            }
            """));

        var error = Assert.Single(errors);
        Assert.StartsWith("routes.json:3:", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("$.Clusters.web.Destinations.d.Adress: invalid JSON: The JSON property 'Adress' could not be mapped", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WrappedInReverseProxySection_ExplainsTheShape()
    {
        var (_, errors) = RoutesFileParser.Parse("routes.json", RoutesJson.Bytes("""
            { 'ReverseProxy': { 'Routes': { } } }
            """));

        Assert.Equal("the file's top level is the ReverseProxy section itself: put Routes and Clusters at the top level", Assert.Single(errors).Message);
    }

    [Theory]
    [InlineData("'2'", "2.0")]
    [InlineData("'1.1'", "1.1")]
    [InlineData("2", "2.0")]
    public void Parse_HttpRequestVersion_ReadLikeYarp(string json, string expected)
    {
        var routes = RoutesJson.Parse($$"""
            { 'Clusters': { 'c': { 'HttpRequest': { 'Version': {{json}}, 'VersionPolicy': 'RequestVersionExact' } } } }
            """);

        Assert.Equal(Version.Parse(expected), routes.Clusters[0].HttpRequest!.Version);
    }
}
