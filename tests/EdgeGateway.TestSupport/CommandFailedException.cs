namespace EdgeGateway.TestSupport;

/// <summary>A program that exited non-zero where success was required; the message names the command and shows its output.</summary>
public sealed class CommandFailedException(CommandResult result) : InvalidOperationException(result.Describe())
{
    public CommandResult Result { get; } = result;
}
