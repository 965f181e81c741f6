using System.Runtime.InteropServices;

namespace EdgeGateway.Mesh.Linux.Nftables;

/// <summary>
/// One libnftables context. Its netlink socket is opened when the context is created, so the context belongs to the
/// network namespace of the creating thread: create it, run, and free it on the same (namespace) thread. A context
/// serves any number of batches, one at a time (it is not thread-safe).
/// </summary>
internal sealed class NftablesContext : IDisposable
{
    private IntPtr _handle;
    private bool _jsonOutput;

    public NftablesContext()
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

        LibNftables.CtxOutputSetFlags(_handle, 0);
        if (LibNftables.CtxBufferOutput(_handle) != 0 || LibNftables.CtxBufferError(_handle) != 0)
        {
            Dispose();
            throw new NftablesException("nftables: cannot buffer libnftables output");
        }
    }

    /// <summary>
    /// Runs a batch as one transaction and returns nft's output (JSON when <paramref name="jsonOutput"/>); throws with
    /// nft's error text when rejected.
    /// </summary>
    public string Run(string commands, bool jsonOutput = false)
    {
        ObjectDisposedException.ThrowIf(_handle == IntPtr.Zero, this);
        if (jsonOutput != _jsonOutput)
        {
            LibNftables.CtxOutputSetFlags(_handle, jsonOutput ? LibNftables.OutputJson : 0);
            _jsonOutput = jsonOutput;
        }

        var rc = LibNftables.RunCmdFromBuffer(_handle, commands);

        // reading a buffer rewinds it: both are read every time, so the next batch starts with empty ones
        var output = Marshal.PtrToStringUTF8(LibNftables.CtxGetOutputBuffer(_handle)) ?? string.Empty;
        var error = Marshal.PtrToStringUTF8(LibNftables.CtxGetErrorBuffer(_handle))?.Trim();
        if (rc != 0)
        {
            throw new NftablesException($"nftables rejected the transaction (rc {rc}): {(string.IsNullOrEmpty(error) ? "no error text" : error)}");
        }

        return output;
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
