using System.CommandLine;
using System.Diagnostics;
using System.Net;
using Hoop.Api;
using Hoop.Api.V1Alpha1;
using Hoop.Kubectl.Cluster;
using k8s;
using k8s.Autorest;

namespace Hoop.Kubectl.Connect;

/// <summary>
/// <c>kubectl hoop connect CONNECTION [-- client args]</c>: runs psql or mysql against the Connection's gateway, logging in
/// with the kubeconfig user's bearer token. The token goes in the client's password variable, never on its command line,
/// where any user of the machine could read it.
/// </summary>
internal static class ConnectCommand
{
    public static Command Create(KubeconfigOptions cluster)
    {
        var name = new Argument<string>("CONNECTION") { Description = "The Connection to open a session on." };
        var clientArgs = new Argument<string[]>("CLIENT-ARGS") { Description = "Arguments passed on to psql or mysql (after --).", Arity = ArgumentArity.ZeroOrMore };
        var reason = new Option<string>("--reason") { Description = "Why you connect; recorded, and shown to reviewers of what you run." };
        var at = new Option<string>("--endpoint")
        {
            Description = "The gateway's HOST:PORT when not the Connection's status.endpoint: a 'kubectl port-forward' to its Service, or a gateway run outside the cluster.",
        };
        var command = new Command("connect", "Open psql or mysql on a Connection through its gateway.") { name, clientArgs, reason, at };
        CommandAction.Set(command, async (parseResult, context, cancellationToken) =>
        {
            using var session = cluster.Open(parseResult);
            var connectionName = parseResult.GetValue(name)!;
            var connection = await ReadAsync(session, connectionName, cancellationToken).ConfigureAwait(false);
            if ((parseResult.GetValue(at) ?? connection.Status?.Endpoint) is not { Length: > 0 } endpoint)
            {
                throw new UserError($"connection {connectionName} has no gateway endpoint yet (status.endpoint is empty); check 'kubectl describe connection {connectionName} -n {session.Namespace}' for why its gateway is not ready, or give --endpoint HOST:PORT");
            }

            var token = session.Configuration.AccessToken is { Length: > 0 } t
                ? t
                : throw new UserError("the kubeconfig's user has no bearer token; the gateway logs you in with one (use a token user, e.g. from 'kubectl create token')");
            var user = await Caller.UsernameAsync(session.Client, cancellationToken).ConfigureAwait(false);
            var start = DatabaseClient.StartInfo(connection, endpoint, user, token, parseResult.GetValue(reason), parseResult.GetValue(clientArgs) ?? []);
            Process process;
            try
            {
                process = Process.Start(start) ?? throw new UserError($"could not start {start.FileName}");
            }
            catch (System.ComponentModel.Win32Exception)
            {
                throw new UserError($"{start.FileName} is not installed or not on PATH; install the {start.FileName} client to connect");
            }

            using (process)
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                return process.ExitCode;
            }
        });
        return command;
    }

    private static async Task<Connection> ReadAsync(ClusterSession session, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await session.Client.CustomObjects.GetNamespacedCustomObjectAsync<Connection>(
                HoopApiGroup.Group, HoopApiGroup.Version, session.Namespace, ResourceKind.Connection.Plural, name, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new UserError($"{ResourceKind.Connection.CrdName} \"{name}\" not found in namespace {session.Namespace}; list them with 'kubectl get connections -n {session.Namespace}'");
        }
    }
}
