using Tmds.Linux;

namespace EdgeGateway.Mesh.Linux.Interop;

/// <summary>Turns a failed libc return value into a <see cref="KernelCallException"/> carrying errno.</summary>
internal static class Errno
{
    public static int ThrowIfFailed(int result, string operation) =>
        result >= 0 ? result : throw new KernelCallException(operation, LibC.errno);

    public static long ThrowIfFailed(long result, string operation) =>
        result >= 0 ? result : throw new KernelCallException(operation, LibC.errno);
}
