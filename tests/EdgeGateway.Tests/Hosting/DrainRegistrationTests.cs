using System.Net;
using EdgeGateway.Hosting;
using EdgeGateway.Tests.Resilience;
using EdgeGateway.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Tests.Hosting;

public class DrainRegistrationTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(30);

    [Fact]
    public void AddShutdownDrain_Delay_ShutdownTimeoutCoversDelayAndInFlightGrace()
    {
        using var services = new ServiceCollection().AddLogging().AddShutdownDrain(Delay).BuildServiceProvider();

        Assert.Equal(Delay + ShutdownDrain.InFlightGrace, services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
        Assert.Same(services.GetRequiredService<ShutdownDrain>(), services.GetServices<IHostedService>().Single());
    }

    [Fact]
    public async Task UseDrainConnectionClose_HostStopping_NewConnectionsServedAndAskedToClose()
    {
        var clock = new ResilienceTestClock();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddShutdownDrain(Delay);
        await using var app = builder.Build();
        app.UseDrainConnectionClose();
        app.Run(context => context.Response.WriteAsync("served"));
        await app.StartAsync(Cancel);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = address };
        using (var before = await client.GetAsync("/", Cancel))
        {
            Assert.NotEqual(true, before.Headers.ConnectionClose);
        }

        var stopping = app.StopAsync(Cancel);
        var drain = app.Services.GetRequiredService<ShutdownDrain>();
        await Eventually.TrueAsync(() => drain.Draining, "the drain to start");
        using (var during = await client.GetAsync("/", Cancel))
        {
            Assert.Equal("served", await during.Content.ReadAsStringAsync(Cancel));
            Assert.True(during.Headers.ConnectionClose);
        }

        Assert.False(stopping.IsCompleted);
        clock.Advance(Delay);
        await stopping;
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("/", Cancel));
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;
}
