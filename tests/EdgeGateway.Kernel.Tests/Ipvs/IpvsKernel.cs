using EdgeGateway.Kernel.Tests.Namespaces;
using EdgeGateway.Mesh.Linux;

namespace EdgeGateway.Kernel.Tests.Ipvs;

/// <summary>
/// The IPVS tests need a kernel with IPVS. This machine's kernel has none: <see cref="IpvsInVmTests"/> boots one under
/// qemu and runs inside it every test class marked [Trait("needs", "ipvs")]. Run directly here, they skip loudly.
/// </summary>
internal static class IpvsKernel
{
    /// <summary>Trait marking a test class that needs IPVS: <see cref="IpvsInVmTests"/> runs all of them in the VM.</summary>
    public const string TraitName = "needs";

    public const string TraitValue = "ipvs";

    public static bool InVm => Environment.GetEnvironmentVariable("EDGE_IN_VM") == "1";

    public static void Require()
    {
        KernelTestScope.RequireRoot();
        if (!KernelProbe.HasIpvs())
        {
            Assert.Skip("SKIPPED here: this kernel has no IPVS; IpvsInVmTests runs this test inside a qemu VM with Debian's kernel");
        }
    }
}
