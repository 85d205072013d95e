using System.CommandLine;
using Hoop.Api;
using Hoop.Api.V1Alpha1;
using Hoop.Kubectl.Cluster;

namespace Hoop.Kubectl.Requests;

/// <summary>
/// <c>kubectl hoop request</c>: asks for an operation. With <c>--wait</c> it follows the request and exits 0 only when it
/// succeeded — the CI path: a pipeline step that passes once the change was approved and ran.
/// </summary>
internal static class RequestCommand
{
    public static Command Create(KubeconfigOptions cluster)
    {
        var connection = new Option<string>("--connection") { Description = "The Connection to run the operation on.", Required = true };
        var sql = new Option<string>("--sql") { Description = "SQL to run (postgres, mysql)." };
        var sqlFile = new Option<FileInfo>("--sql-file") { Description = "File holding the SQL to run." };
        var shell = new Option<string>("--command") { Description = "Command line to run (ssh)." };
        var reason = new Option<string>("--reason") { Description = "Why it is needed, for the reviewers.", Required = true };
        var ticket = new Option<string>("--ticket") { Description = "The change ticket, e.g. CHG-1234." };
        var execution = new Option<string>("--execution") { Description = "gateway (the gateway runs it once approved; default) or client.", DefaultValueFactory = _ => "gateway" };
        execution.AcceptOnlyFromAmong("gateway", "client");
        var wait = new Option<bool>("--wait") { Description = "Follow the request; exit 0 only when it succeeded." };
        var timeout = new Option<string>("--timeout") { Description = "With --wait, give up after this long (e.g. 30m); default: until the request ends." };
        var command = new Command("request", "Ask for an operation to be approved (and run).") { connection, sql, sqlFile, shell, reason, ticket, execution, wait, timeout };
        CommandAction.Set(command, async (parseResult, context, cancellationToken) =>
        {
            var operation = Operation(parseResult.GetValue(sql), parseResult.GetValue(sqlFile), parseResult.GetValue(shell));
            TimeSpan? limit = null;
            if (parseResult.GetValue(timeout) is { } text)
            {
                limit = GoDuration.TryParse(text, out var parsed) ? parsed : throw new UserError($"--timeout {text} is not a duration such as 90s, 30m or 1h");
            }

            using var session = cluster.Open(parseResult);
            var store = new AccessRequestStore(session);
            var request = new AccessRequest
            {
                Metadata = new() { GenerateName = "ar-", NamespaceProperty = session.Namespace },
                Spec = new AccessRequestSpec
                {
                    ConnectionRef = new ConnectionReference { Name = parseResult.GetValue(connection)! },
                    Reason = parseResult.GetValue(reason),
                    Ticket = parseResult.GetValue(ticket),
                    Execution = parseResult.GetValue(execution) == "client" ? ExecutionMode.Client : ExecutionMode.Gateway,
                    Operation = operation,
                },
            };
            var created = await store.CreateAsync(request, cancellationToken).ConfigureAwait(false);
            await context.Output.WriteLineAsync($"{RequestText.Ref(created)} created").ConfigureAwait(false);
            if (!parseResult.GetValue(wait))
            {
                await context.Output.WriteLineAsync($"follow it with: kubectl hoop watch {created.Metadata.Name} -n {session.Namespace}").ConfigureAwait(false);
                return 0;
            }

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (limit is { } l)
            {
                deadline.CancelAfter(l);
            }

            AccessRequest? last = null;
            try
            {
                last = await new RequestFollower(store).FollowAsync(created.Metadata.Name, r =>
                {
                    last = r;
                    context.Error.WriteLine(WatchCommand.Line(r));
                }, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new UserError($"timed out after {parseResult.GetValue(timeout)} waiting for {RequestText.Ref(created)}: it is still {(last is null ? "Pending" : RequestText.Phase(last))} ({(last is null ? "-" : RequestText.Approvals(last))})");
            }

            return await Summary(context, last).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> Summary(CommandContext context, AccessRequest end)
    {
        var result = end.Status?.Execution;
        if (RequestText.IsSuccess(end))
        {
            var facts = new List<string>();
            if (result?.RowsAffected is { } rows)
            {
                facts.Add($"{rows} row{(rows == 1 ? "" : "s")} affected");
            }

            if (result?.ExitCode is { } exit)
            {
                facts.Add($"exit code {exit}");
            }

            if (result?.Recording is { } recording)
            {
                facts.Add($"recording {recording.Session}");
            }

            var verb = end.Status?.Phase == AccessRequestPhase.Succeeded ? "succeeded" : "approved: run the held operation now";
            await context.Output.WriteLineAsync($"{RequestText.Ref(end)} {verb}{(facts.Count == 0 ? "" : ": " + string.Join(", ", facts))}").ConfigureAwait(false);
            return 0;
        }

        var why = result?.Error ?? RequestText.ReadyMessage(end) ?? "no reason given";
        await context.Error.WriteLineAsync($"error: {RequestText.Ref(end)} {RequestText.Phase(end).ToLowerInvariant()}: {why}").ConfigureAwait(false);
        return 1;
    }

    private static Operation Operation(string? sql, FileInfo? sqlFile, string? command)
    {
        var given = (sql is null ? 0 : 1) + (sqlFile is null ? 0 : 1) + (command is null ? 0 : 1);
        if (given != 1)
        {
            throw new UserError("give exactly one of --sql, --sql-file and --command");
        }

        if (command is not null)
        {
            return new Operation { Ssh = new SshOperation { Command = command } };
        }

        if (sqlFile is not null && !sqlFile.Exists)
        {
            throw new UserError($"--sql-file {sqlFile.FullName}: no such file");
        }

        return new Operation { Sql = new SqlOperation { Statement = sql ?? File.ReadAllText(sqlFile!.FullName) } };
    }
}
