namespace Hoop.Gateway;

internal static class Program
{
    private const string InlineSocketCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    public static int Main(string[] args)
    {
        // A proxy's every message is a socket completion. Run its continuation on the thread that polled it instead of
        // waking a thread-pool worker for it: the wake-up and context switch cost more CPU than relaying the message.
        // Safe because no session code blocks a thread (the replay log's disk syncs run in the background). Read by the
        // runtime when the first socket is used, so it is set before anything else; an operator's own value wins.
        if (Environment.GetEnvironmentVariable(InlineSocketCompletions) is null)
        {
            Environment.SetEnvironmentVariable(InlineSocketCompletions, "1");
        }

        return GatewayCommandLine.Create().Parse(args).Invoke();
    }
}
