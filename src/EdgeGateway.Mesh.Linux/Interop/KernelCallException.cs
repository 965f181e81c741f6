using System.Runtime.InteropServices;

namespace EdgeGateway.Mesh.Linux.Interop;

/// <summary>A system call or kernel request failed; the message names the operation and the errno.</summary>
public class KernelCallException : IOException
{
    public KernelCallException(string operation, int errno)
        : base($"{operation} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})")
    {
        Operation = operation;
        Errno = errno;
    }

    public KernelCallException(string operation, int errno, string detail)
        : base($"{operation} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}): {detail}")
    {
        Operation = operation;
        Errno = errno;
    }

    public KernelCallException()
        : this("kernel call", 0)
    {
    }

    public KernelCallException(string message)
        : base(message)
    {
        Operation = "kernel call";
    }

    public KernelCallException(string message, Exception innerException)
        : base(message, innerException)
    {
        Operation = "kernel call";
    }

    public string Operation { get; } = "kernel call";

    public int Errno { get; }
}
