using System.CommandLine;
using k8s.Autorest;

namespace Hoop.Kubectl.Cluster;

/// <summary>
/// Runs a command's body and prints what went wrong as kubectl does, <c>error: ...</c> on stderr and exit 1, never a
/// stack trace.
/// </summary>
internal static class CommandAction
{
    public static void Set(Command command, Func<ParseResult, CommandContext, CancellationToken, Task<int>> body)
    {
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var context = new CommandContext(parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error);
            try
            {
                return await body(parseResult, context, cancellationToken).ConfigureAwait(false);
            }
            catch (UserError e)
            {
                await context.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            }
            catch (HttpOperationException e)
            {
                await context.Error.WriteLineAsync($"error: {ApiErrors.Describe(e)}").ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                await context.Error.WriteLineAsync($"error: cannot reach the API server: {e.Message}; check the kubeconfig's server and your network").ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await context.Error.WriteLineAsync("error: interrupted").ConfigureAwait(false);
            }

            return 1;
        });
    }
}

/// <summary>Where a command writes.</summary>
internal sealed record CommandContext(TextWriter Output, TextWriter Error);
