using DnsClient;
using DnsClient.Protocol;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Discovery;

/// <summary>
/// Asks the configured DNS server (--dns, else the system resolver: Docker's 127.0.0.11 inside a task) for A
/// records. Caching is off: Docker answers with TTL 600, and the gateway re-resolves far more often than that.
/// </summary>
internal sealed class SwarmDnsResolver
{
    private readonly LookupClient _client;

    public SwarmDnsResolver(IOptions<GatewayOptions> options)
    {
        var lookup = options.Value.DnsServer is { } server ? new LookupClientOptions(server) : new LookupClientOptions();
        lookup.UseCache = false;
        lookup.ThrowDnsErrors = false;
        lookup.ContinueOnDnsError = false;
        lookup.ContinueOnEmptyResponse = false;
        lookup.Timeout = TimeSpan.FromSeconds(1);
        lookup.Retries = 1;
        _client = new LookupClient(lookup);
    }

    /// <summary>Never throws except on cancellation: any failure is a <see cref="DnsOutcome.Failed"/> lookup.</summary>
    public async Task<DnsLookup> ResolveAsync(string name, CancellationToken cancellationToken)
    {
        IDnsQueryResponse response;
        try
        {
            response = await _client.QueryAsync(name, QueryType.A, QueryClass.IN, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return DnsLookup.Failure(e.Message);
        }

        if (response.Header.ResponseCode == DnsHeaderResponseCode.NotExistentDomain)
        {
            return DnsLookup.NotFound;
        }

        if (response.HasError)
        {
            return DnsLookup.Failure(response.ErrorMessage);
        }

        var records = response.Answers.OfType<ARecord>().ToList();
        var ttl = records.Count > 0 ? TimeSpan.FromSeconds(records.Min(r => r.InitialTimeToLive)) : (TimeSpan?)null;
        return new DnsLookup(DnsOutcome.Found, records.Select(r => r.Address).Distinct().ToList(), ttl, null);
    }
}
