using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace EdgeGateway.Hosting;

/// <summary>
/// Binds Kestrel to the public and admin URLs. Admin connections are tagged at the connection level, so
/// admin endpoints can never be reached on the public port whatever Host header a client sends.
/// </summary>
internal static class Listeners
{
    /// <summary>Checks that every URL is something Kestrel can bind here; returns one message per bad URL.</summary>
    public static IReadOnlyList<string> Validate(GatewayOptions options) =>
        options.PublicUrls.Select(u => ("--urls", u)).Concat(options.AdminUrls.Select(u => ("--admin-urls", u)))
            .Select(x => TryParse(x.Item2, out _, out var problem) ? null : $"{x.Item1}: bad URL '{x.Item2}': {problem}")
            .OfType<string>()
            .ToList();

    public static void Configure(KestrelServerOptions kestrel, GatewayOptions options)
    {
        foreach (var url in options.PublicUrls)
        {
            Listen(kestrel, url, _ => { });
        }

        foreach (var url in options.AdminUrls)
        {
            Listen(kestrel, url, listen => listen.Use(next => connection =>
            {
                connection.Features.Set(AdminConnectionFeature.Instance);
                return next(connection);
            }));
        }
    }

    private static void Listen(KestrelServerOptions kestrel, string url, Action<ListenOptions> configure)
    {
        if (!TryParse(url, out var binding, out var problem))
        {
            throw new GatewayStartupException($"bad URL '{url}': {problem}");
        }

        var (host, port) = binding.Value;
        switch (host)
        {
            case "localhost":
                kestrel.ListenLocalhost(port, configure);
                break;
            case "*" or "+" or "[::]":
                kestrel.ListenAnyIP(port, configure);
                break;
            default:
                kestrel.Listen(IPAddress.Parse(host.Trim('[', ']')), port, configure);
                break;
        }
    }

    private static bool TryParse(string url, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out (string Host, int Port)? binding, out string? problem)
    {
        binding = null;
        problem = null;
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url);
        }
        catch (FormatException e)
        {
            problem = e.Message;
            return false;
        }

        if (!string.Equals(address.Scheme, "http", StringComparison.OrdinalIgnoreCase))
        {
            problem = "only http:// listeners are supported";
        }
        else if (address.Host is not ("localhost" or "*" or "+") && !IPAddress.TryParse(address.Host.Trim('[', ']'), out _))
        {
            problem = "the host must be an IP address, localhost, * or +";
        }
        else if (address.Port is < 0 or > 65535)
        {
            problem = "bad port";
        }

        binding = problem is null ? (address.Host, address.Port) : null;
        return problem is null;
    }
}
