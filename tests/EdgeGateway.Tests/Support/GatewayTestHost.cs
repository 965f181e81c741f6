using System.Net.Http;
using EdgeGateway.Tests.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Tests.Support;

/// <summary>The real gateway, in process, on loopback ports chosen by the kernel, with its routes file in a temp directory.</summary>
internal sealed class GatewayTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly DirectoryInfo _directory;

    private GatewayTestHost(WebApplication app, DirectoryInfo directory, string routesFile, Uri publicUrl, Uri adminUrl)
    {
        _app = app;
        _directory = directory;
        RoutesFile = routesFile;
        PublicUrl = publicUrl;
        AdminUrl = adminUrl;
    }

    public string RoutesFile { get; }

    public Uri PublicUrl { get; }

    public Uri AdminUrl { get; }

    public IServiceProvider Services => _app.Services;

    public HttpClient Public { get; } = new();

    public static async Task<GatewayTestHost> StartAsync(string routesJson, params string[] extraArgs)
    {
        var directory = Directory.CreateTempSubdirectory("edge-gateway-test-");
        var file = Path.Combine(directory.FullName, "routes.json");
        await File.WriteAllBytesAsync(file, RoutesJson.Bytes(routesJson), TestContext.Current.CancellationToken);
        string[] args = ["--routes", file, "--urls", "http://127.0.0.1:0", "--admin-urls", "http://127.0.0.1:0", .. extraArgs];
        var builder = WebApplication.CreateBuilder(args).AddEdgeGateway(args);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        try
        {
            await app.UseEdgeGateway().StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            directory.Delete(recursive: true);
            throw;
        }

        // Kestrel reports addresses in listener order: the public listener first, then the admin one.
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        return new GatewayTestHost(app, directory, file, new Uri(addresses[0]), new Uri(addresses[1]));
    }

    public async Task WriteRoutesAsync(string routesJson)
    {
        // Like an editor: write a new file and rename it over the old one.
        var temp = RoutesFile + ".tmp";
        await File.WriteAllBytesAsync(temp, RoutesJson.Bytes(routesJson), TestContext.Current.CancellationToken);
        File.Move(temp, RoutesFile, overwrite: true);
    }

    public Task<HttpResponseMessage> GetPublicAsync(string path) => Public.GetAsync(new Uri(PublicUrl, path), TestContext.Current.CancellationToken);

    public Task<HttpResponseMessage> GetAdminAsync(string path) => Public.GetAsync(new Uri(AdminUrl, path), TestContext.Current.CancellationToken);

    public async Task<string> GetPublicTextAsync(string path)
    {
        using var response = await GetPublicAsync(path);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    public async Task<string> GetAdminTextAsync(string path)
    {
        using var response = await GetAdminAsync(path);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Public.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _directory.Delete(recursive: true);
    }
}
