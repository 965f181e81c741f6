namespace EdgeGateway.TestSupport;

/// <summary>The repository the tests were built from: its scripts, example configuration and stack file.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EdgeGateway.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("EdgeGateway.sln not found above " + AppContext.BaseDirectory);
    }
}
