using System.Runtime.InteropServices;

namespace EdgeGateway.Mesh.Linux.Nftables;

/// <summary>
/// One libnftables context. Its netlink socket is opened when the context is created, so the context belongs to the
/// network namespace of the creating thread: create it, run, and free it on the same (namespace) thread.
/// </summary>
internal sealed class NftablesContext : IDisposable
{
    private IntPtr _handle;

    public NftablesContext(bool jsonOutput)
    {
        try
        {
            _handle = LibNftables.CtxNew(0);
        }
        catch (DllNotFoundException e)
        {
            throw new NftablesException("nftables: libnftables.so.1 is not installed (Debian package libnftables1)", e);
        }

        if (_handle == IntPtr.Zero)
        {
            throw new NftablesException("nftables: nft_ctx_new failed");
        }

        LibNftables.CtxOutputSetFlags(_handle, jsonOutput ? LibNftables.OutputJson : 0);
        if (LibNftables.CtxBufferOutput(_handle) != 0 || LibNftables.CtxBufferError(_handle) != 0)
        {
            Dispose();
            throw new NftablesException("nftables: cannot buffer libnftables output");
        }
    }

    /// <summary>Runs a batch as one transaction and returns nft's output; throws with nft's error text when rejected.</summary>
    public string Run(string commands)
    {
        ObjectDisposedException.ThrowIf(_handle == IntPtr.Zero, this);
        var rc = LibNftables.RunCmdFromBuffer(_handle, commands);
        if (rc != 0)
        {
            var error = Marshal.PtrToStringUTF8(LibNftables.CtxGetErrorBuffer(_handle))?.Trim();
            throw new NftablesException($"nftables rejected the transaction (rc {rc}): {(string.IsNullOrEmpty(error) ? "no error text" : error)}");
        }

        return Marshal.PtrToStringUTF8(LibNftables.CtxGetOutputBuffer(_handle)) ?? string.Empty;
    }

    public void Dispose()
    {
        if (_handle != IntPtr.Zero)
        {
            LibNftables.CtxFree(_handle);
            _handle = IntPtr.Zero;
        }
    }
}
