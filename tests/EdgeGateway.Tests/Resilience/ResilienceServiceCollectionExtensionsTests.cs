using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Tests.Resilience;

public sealed class ResilienceServiceCollectionExtensionsTests
{
    [Fact]
    public void AddEdgeResilience_InvalidSection_OptionsFailNamingTheSetting()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Resilience:MaxRetries"] = "50" })
            .Build();
        using var services = new ServiceCollection().AddLogging().AddEdgeResilience(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(
            () => services.GetRequiredService<IOptions<EdgeGateway.Resilience.ResilienceOptions>>().Value);

        Assert.Equal(["Resilience:MaxRetries must be between 0 and 10, got 50."], error.Failures);
    }

    [Fact]
    public void AddEdgeResilience_Section_BindsEveryOption()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Resilience:MaxRetries"] = "3",
                ["Resilience:MaxBufferedBodyBytes"] = "1024",
                ["Resilience:RetryDelay"] = "00:00:00.05",
                ["Resilience:CircuitBreaker:Enabled"] = "false",
                ["Resilience:CircuitBreaker:FailureRatio"] = "0.25",
                ["Resilience:CircuitBreaker:MinimumThroughput"] = "20",
                ["Resilience:CircuitBreaker:SamplingDuration"] = "00:00:30",
                ["Resilience:CircuitBreaker:BreakDuration"] = "00:00:15",
            })
            .Build();
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
}
