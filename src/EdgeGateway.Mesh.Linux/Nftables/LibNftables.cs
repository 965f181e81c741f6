using System.Runtime.InteropServices;

namespace EdgeGateway.Mesh.Linux.Nftables;

/// <summary>The few entry points of Debian's libnftables1 that the dataplanes need.</summary>
internal static partial class LibNftables
{
    private const string Library = "libnftables.so.1";

    /// <summary>NFT_CTX_OUTPUT_JSON from nftables/libnftables.h.</summary>
    public const uint OutputJson = 1u << 4;

    [LibraryImport(Library, EntryPoint = "nft_ctx_new")]
    public static partial IntPtr CtxNew(uint flags);

    [LibraryImport(Library, EntryPoint = "nft_ctx_free")]
    public static partial void CtxFree(IntPtr ctx);

    [LibraryImport(Library, EntryPoint = "nft_ctx_output_set_flags")]
    public static partial void CtxOutputSetFlags(IntPtr ctx, uint flags);

    [LibraryImport(Library, EntryPoint = "nft_ctx_buffer_output")]
    public static partial int CtxBufferOutput(IntPtr ctx);

    [LibraryImport(Library, EntryPoint = "nft_ctx_buffer_error")]
    public static partial int CtxBufferError(IntPtr ctx);

    [LibraryImport(Library, EntryPoint = "nft_ctx_get_output_buffer")]
    public static partial IntPtr CtxGetOutputBuffer(IntPtr ctx);

    [LibraryImport(Library, EntryPoint = "nft_ctx_get_error_buffer")]
    public static partial IntPtr CtxGetErrorBuffer(IntPtr ctx);

    [LibraryImport(Library, EntryPoint = "nft_run_cmd_from_buffer", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int RunCmdFromBuffer(IntPtr ctx, string buffer);
}
