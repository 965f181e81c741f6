namespace EdgeGateway.Discovery.AgentFeed;

/// <summary>
/// Where the node agent serves its cluster state: an http(s) admin URL, or a Unix socket file (the agent's
/// --feed-socket, shared through a volume), which is reached with the URL <c>http://localhost</c>.
/// </summary>
internal sealed record AgentFeedEndpoint(Uri BaseUrl, string? UnixSocket)
{
    /// <summary>An absolute path is a Unix socket; otherwise an http(s) URL such as http://10.0.0.2:9464.</summary>
    public static bool TryParse(string value, out AgentFeedEndpoint? endpoint)
    {
        endpoint = value switch
        {
            _ when value.StartsWith('/') => new AgentFeedEndpoint(new Uri("http://localhost"), value),
            _ when Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" => new AgentFeedEndpoint(url, null),
            _ => null,
        };
        return endpoint is not null;
    }

    public override string ToString() => UnixSocket ?? BaseUrl.ToString();
}
