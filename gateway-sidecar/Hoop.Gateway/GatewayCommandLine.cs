using System.CommandLine;
using System.Net;
using Hoop.Gateway.Hosting;
using Hoop.Kube.Hosting;

namespace Hoop.Gateway;

/// <summary>The <c>hoop-gateway</c> command line, as DESIGN.md's contract gives it, plus <c>verify FILE</c>.</summary>
internal static class GatewayCommandLine
{
    public static RootCommand Create()
    {
        var kubeconfig = new Option<FileInfo>("--kubeconfig") { Description = "Kubeconfig to use out of cluster; in cluster the pod's ServiceAccount is used." };
        var connection = new Option<string>("--connection") { Description = "The Connection to front, as NAMESPACE/NAME." };
        var listen = new Option<string>("--listen") { Description = $"HOST:PORT clients connect to (default 0.0.0.0:{GatewayHost.DefaultPostgresPort})." };
        var recordings = new Option<DirectoryInfo>("--recordings") { Description = "Directory the session replay logs are written to (default ./recordings)." };
        var adminListen = new Option<string>("--admin-listen") { Description = "HOST:PORT for /healthz, /readyz and /metrics." };
        var root = new RootCommand("hoop-gateway fronts one Connection: it authenticates users, applies policy, holds operations for approval, masks and records.")
        {
            kubeconfig, connection, listen, recordings, adminListen, VerifyCommand.Create(),
        };
        root.SetAction(async (parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            GatewayOptions options;
            try
            {
                options = Options(parseResult, kubeconfig, connection, listen, recordings, adminListen);
            }
            catch (UserInputException e)
            {
                await error.WriteLineAsync($"hoop-gateway: {e.Message}").ConfigureAwait(false);
                return 2;
            }

            return await ProcessRunner.RunAsync("hoop-gateway", error, (loggerFactory, stop) =>
                new GatewayHost(options, loggerFactory, TimeProvider.System).RunAsync(stop), cancellationToken).ConfigureAwait(false);
        });
        return root;
    }

    private static GatewayOptions Options(
        ParseResult parseResult, Option<FileInfo> kubeconfig, Option<string> connection, Option<string> listen, Option<DirectoryInfo> recordings, Option<string> adminListen)
    {
        IPEndPoint? Listen(Option<string> option) =>
            parseResult.GetValue(option) is not { } text ? null
            : ListenAddress.TryParse(text, out var endpoint, out var problem) ? endpoint
            : throw new UserInputException($"{option.Name}: {problem}");

        var key = parseResult.GetValue(connection) ?? throw new UserInputException("--connection NAMESPACE/NAME is required: which Connection does this gateway front?");
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == key.Length - 1 || key.IndexOf('/', slash + 1) >= 0)
        {
            throw new UserInputException($"--connection: '{key}' is not NAMESPACE/NAME (e.g. payments/orders-db)");
        }

        var file = parseResult.GetValue(kubeconfig);
        if (file is { Exists: false })
        {
            throw new UserInputException($"--kubeconfig: {file.FullName} does not exist");
        }

        return new GatewayOptions
        {
            Kubeconfig = file,
            Namespace = key[..slash],
            Connection = key[(slash + 1)..],
            Listen = Listen(listen),
            Recordings = parseResult.GetValue(recordings) ?? new DirectoryInfo("recordings"),
            AdminListen = Listen(adminListen),
            Replica = Environment.GetEnvironmentVariable("POD_NAME") is { Length: > 0 } pod ? pod : Environment.MachineName.ToLowerInvariant(),
        };
    }

    private sealed class UserInputException(string message) : Exception(message);
}
