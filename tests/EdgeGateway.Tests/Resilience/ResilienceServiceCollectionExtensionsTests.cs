using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Tests.Resilience;

public sealed class ResilienceServiceCollectionExtensionsTests
{
    [Fact]
    public void AddEdgeResilience_ValueOutOfRange_StartupFailsNamingTheSetting()
    {
        var configuration = Configuration(new() { ["Resilience:MaxRetries"] = "50", ["Resilience:MaxBufferedBodyBytes"] = "-1" });

        var error = Assert.Throws<GatewayStartupException>(() => new ServiceCollection().AddEdgeResilience(configuration));

        Assert.Equal(
            "Resilience:MaxRetries must be between 0 and 10, got 50." + Environment.NewLine
            + "Resilience:MaxBufferedBodyBytes must not be negative, got -1.",
            error.Message);
    }

    [Fact]
    public void AddEdgeResilience_ValueOfWrongType_StartupFailsNamingTheKey()
    {
        var configuration = Configuration(new() { ["Resilience:RetryDelay"] = "soon" });

        var error = Assert.Throws<GatewayStartupException>(() => new ServiceCollection().AddEdgeResilience(configuration));

        Assert.Contains("'Resilience:RetryDelay'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddEdgeResilience_Section_BindsEveryOption()
    {
        var configuration = Configuration(new()
            {
                ["Resilience:MaxRetries"] = "3",
                ["Resilience:MaxBufferedBodyBytes"] = "1024",
                ["Resilience:RetryDelay"] = "00:00:00.05",
                ["Resilience:CircuitBreaker:Enabled"] = "false",
                ["Resilience:CircuitBreaker:FailureRatio"] = "0.25",
                ["Resilience:CircuitBreaker:MinimumThroughput"] = "20",
                ["Resilience:CircuitBreaker:SamplingDuration"] = "00:00:30",
                ["Resilience:CircuitBreaker:BreakDuration"] = "00:00:15",
            });
        using var services = new ServiceCollection().AddLogging().AddEdgeResilience(configuration).BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<EdgeGateway.Resilience.ResilienceOptions>>().Value;

        Assert.Equal(
            new EdgeGateway.Resilience.ResilienceOptions
            {
                MaxRetries = 3,
                MaxBufferedBodyBytes = 1024,
                RetryDelay = TimeSpan.FromMilliseconds(50),
                CircuitBreaker = new EdgeGateway.Resilience.CircuitBreakerOptions
                {
                    Enabled = false,
                    FailureRatio = 0.25,
                    MinimumThroughput = 20,
                    SamplingDuration = TimeSpan.FromSeconds(30),
                    BreakDuration = TimeSpan.FromSeconds(15),
                },
            },
            options);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
