using System.CommandLine;

namespace EdgeGateway.Agent.Cli;

/// <summary>`--source file|docker`: where the cluster state comes from (the state file, or the local Docker Engine API).</summary>
internal static class SourceOption
{
    public const string File = "file";
    public const string Docker = "docker";

    public static Option<string> Create()
    {
        var option = new Option<string>("--source")
        {
            Description = "Where the cluster state comes from: file (the state file) or docker (the local Docker Engine API)",
            DefaultValueFactory = _ => File,
        };
        option.AcceptOnlyFromAmong(File, Docker);
        return option;
    }
}
