using System.Reflection;
using System.Text.RegularExpressions;
using EdgeGateway.Kernel.Tests.Namespaces;
using EdgeGateway.Kernel.Tests.Support;
using EdgeGateway.Mesh.Linux;

namespace EdgeGateway.Kernel.Tests.Ipvs;

/// <summary>
/// Runs every test class of this assembly marked [Trait("needs", "ipvs")] inside a qemu VM booted with Debian's
/// kernel (one boot for all of them), since this machine's kernel has no IPVS, and asserts that each of them ran and
/// passed in there.
/// </summary>
public partial class IpvsInVmTests
{
    private static readonly Type[] InVmClasses = [.. typeof(IpvsInVmTests).Assembly.GetTypes().Where(NeedsIpvs)];

    [GeneratedRegex(@"Total: (\d+), Errors: (\d+), Failed: (\d+), Skipped: (\d+)")]
    private static partial Regex Summary();

    [Fact]
    public async Task IpvsTests_InsideQemuWithDebianKernel_AllRunAndPass()
    {
        if (IpvsKernel.InVm)
        {
            Assert.Skip("inside the VM: the IPVS tests run directly here");
        }

        KernelTestScope.RequireRoot();
        if (KernelProbe.HasIpvs())
        {
            Assert.Skip("this kernel has IPVS: the IPVS tests run directly, no VM needed");
        }

        var script = Path.Combine(Repository.Root, "tests", "qemu", "run-in-vm.sh");
        var assembly = Assembly.GetExecutingAssembly().Location;
        var arguments = new List<string> { script, "--timeout", "1200", "--", "dotnet", assembly, "-noColor", "-showLiveOutput", "-longRunning", "120", "-trait", $"{IpvsKernel.TraitName}={IpvsKernel.TraitValue}" };

        // run-in-vm.sh ends qemu on its own --timeout and on exit; cancelling the test kills the script.
        var run = await CommandRunner.RunAsync("bash", arguments, new CommandOptions { Timeout = TimeSpan.FromMinutes(25) }, TestContext.Current.CancellationToken);
        var (exitCode, output) = (run.ExitCode, run.Output + run.Error);
        TestContext.Current.SendDiagnosticMessage(output);

        var expected = InVmClasses.Sum(t => t.GetMethods().Count(m => m.GetCustomAttribute<FactAttribute>() is not null));
        var summary = Summary().Match(output);
        Assert.True(summary.Success, "no xunit summary in the VM's output:\n" + output);
        Assert.True(exitCode == 0, $"the tests in the VM exited {exitCode}:\n{output}");
        Assert.Equal(expected, int.Parse(summary.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(summary.Groups[3].Value == "0" && summary.Groups[4].Value == "0", $"failed or skipped in the VM:\n{output}");
    }

    private static bool NeedsIpvs(Type type) =>
        type.GetCustomAttributes<TraitAttribute>().Any(t => t.Name == IpvsKernel.TraitName && t.Value == IpvsKernel.TraitValue);
}
