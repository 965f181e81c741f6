var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/", () => "placeholder");
app.Run();
