namespace EdgeGateway.Kernel.Tests.Support;

/// <summary>The repository the tests were built from (its scripts: qemu, swarm nodes).</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "tests", "qemu", "run-in-vm.sh")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("tests/qemu/run-in-vm.sh not found above " + AppContext.BaseDirectory);
    }
}
