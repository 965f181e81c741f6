namespace EdgeGateway.Hosting;

/// <summary>Marks connections accepted on the admin listener; requests without it came in on the public listener.</summary>
internal sealed class AdminConnectionFeature
{
    public static AdminConnectionFeature Instance { get; } = new();

    public static bool IsAdmin(HttpContext context) => context.Features.Get<AdminConnectionFeature>() is not null;
}
