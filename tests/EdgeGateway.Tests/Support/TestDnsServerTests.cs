using System.Net;
using DnsClient;

namespace EdgeGateway.Tests.Support;

public class TestDnsServerTests
{
    [Fact]
    public async Task SetRecords_KnownName_AnswersEveryAddressWithTtl()
    {
        await using var dns = TestDnsServer.Start();
        dns.TtlSeconds = 600;
        dns.SetRecords("tasks.web", "127.0.0.2", "127.0.0.3");

        var result = await Client(dns).QueryAsync("tasks.web", QueryType.A, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["127.0.0.2", "127.0.0.3"], result.Answers.ARecords().Select(a => a.Address.ToString()).Order());
        Assert.All(result.Answers, a => Assert.Equal(600, a.InitialTimeToLive));
        Assert.Equal(1, dns.QueryCount("tasks.web"));
    }

    [Fact]
    public async Task Remove_KnownName_AnswersNxDomain()
    {
        await using var dns = TestDnsServer.Start();
        dns.SetRecords("web", IPAddress.Parse("127.0.0.2"));
        dns.Remove("web");

        var result = await Client(dns).QueryAsync("web", QueryType.A, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(DnsHeaderResponseCode.NotExistentDomain, result.Header.ResponseCode);
        Assert.Empty(result.Answers);
    }

    private static LookupClient Client(TestDnsServer dns) =>
        new(new LookupClientOptions(dns.EndPoint) { UseCache = false, ThrowDnsErrors = false, Retries = 0 });
}
