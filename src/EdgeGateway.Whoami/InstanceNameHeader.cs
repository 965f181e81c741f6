namespace EdgeGateway.Whoami;

/// <summary>
/// Names the instance in an <c>X-Whoami-Name</c> response header on every answer, including WebSocket upgrades and
/// streams whose bodies do not say who sent them.
/// </summary>
internal static class InstanceNameHeader
{
    public const string Name = "X-Whoami-Name";

    public static IApplicationBuilder UseInstanceName(this IApplicationBuilder app, string name) =>
        name.Length == 0
            ? app
            : app.Use((context, next) =>
            {
                context.Response.Headers[Name] = name;
                return next(context);
            });
}
