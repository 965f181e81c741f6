using System.Net;

namespace EdgeGateway.IntegrationTests.Support;

/// <summary>A whoami answer as seen through the gateway: which task answered, and the request it received.</summary>
public sealed record EchoResponse(HttpStatusCode Status, string Body)
{
    private string[] Lines => Body.Split('\n', StringSplitOptions.TrimEntries);

    /// <summary>The task's <c>Name:</c> line; null when the answer did not come from whoami.</summary>
    public string? TaskName => Value("Name");

    /// <summary>The task's <c>RemoteAddr:</c> line: the gateway's end of the connection the request came on.</summary>
    public string? RemoteAddress => Value("RemoteAddr");

    /// <summary>The request line whoami received, e.g. <c>GET /hello HTTP/1.1</c>.</summary>
    public string? RequestLine => Lines.FirstOrDefault(l => l.Contains(" HTTP/", StringComparison.Ordinal));

    /// <summary>Every value of a request header whoami received (case-insensitive name).</summary>
    public IReadOnlyList<string> Header(string name) =>
        Lines.SkipWhile(l => !l.Contains(" HTTP/", StringComparison.Ordinal)).Skip(1)
            .Where(l => l.StartsWith(name + ": ", StringComparison.OrdinalIgnoreCase))
            .Select(l => l[(name.Length + 2)..])
            .ToList();

    public static async Task<EchoResponse> GetAsync(HttpClient client, string host, string path, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = host;
        configure?.Invoke(request);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return new EchoResponse(response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private string? Value(string key) =>
        Lines.TakeWhile(l => !l.Contains(" HTTP/", StringComparison.Ordinal))
            .Where(l => l.StartsWith(key + ": ", StringComparison.Ordinal))
            .Select(l => l[(key.Length + 2)..])
            .FirstOrDefault();
}
