using System.CommandLine;
using System.Net;
using System.Runtime.InteropServices;
using Hoop.LocalKube.Hosting;

namespace Hoop.LocalKube;

/// <summary>The <c>hoop-localkube</c> command line, as DESIGN.md's contract gives it.</summary>
internal static class LocalKubeCommandLine
{
    public static RootCommand Create()
    {
        var listen = new Option<string>("--listen") { Description = "HOST:PORT to serve HTTPS on, e.g. 127.0.0.1:6443 (port 0 picks a free one).", Required = true };
        var dataDir = new Option<DirectoryInfo>("--data-dir") { Description = "Directory that keeps state across restarts." };
        var tokens = new Option<FileInfo>("--tokens") { Description = "Static token CSV: token,user,uid,\"group1,group2\".", Required = true };
        var kubeconfigOut = new Option<FileInfo>("--kubeconfig-out") { Description = "Where to write a kubeconfig for this server." };
        var kubeconfigUser = new Option<string>("--kubeconfig-user") { Description = "The token user the written kubeconfig's current context authenticates as." };
        var root = new RootCommand("hoop-localkube serves a local Kubernetes API for development and tests. It is not a cluster: nothing runs pods.")
        {
            listen, dataDir, tokens, kubeconfigOut, kubeconfigUser,
        };
        root.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            if (!IPEndPoint.TryParse(parseResult.GetValue(listen)!, out var endpoint))
            {
                await error.WriteLineAsync($"hoop-localkube: --listen must be HOST:PORT with an IP address, e.g. 127.0.0.1:6443").ConfigureAwait(false);
                return 2;
            }

            var tokenFile = parseResult.GetValue(tokens)!;
            if (!tokenFile.Exists)
            {
                await error.WriteLineAsync($"hoop-localkube: the token file {tokenFile.FullName} does not exist").ConfigureAwait(false);
                return 2;
            }

            LocalKubeOptions options;
            try
            {
                options = new LocalKubeOptions
                {
                    Listen = endpoint,
                    TokensCsv = await File.ReadAllTextAsync(tokenFile.FullName, cancellationToken).ConfigureAwait(false),
                    DataDirectory = parseResult.GetValue(dataDir)?.FullName,
                };
                _ = options.Tokens();
            }
            catch (FormatException e)
            {
                await error.WriteLineAsync($"hoop-localkube: {tokenFile.Name}: {e.Message}").ConfigureAwait(false);
                return 2;
            }

            var user = parseResult.GetValue(kubeconfigUser);
            if (user is not null && options.Tokens().Values.All(u => u.Username != user))
            {
                await error.WriteLineAsync($"hoop-localkube: --kubeconfig-user {user}: no token in {tokenFile.Name} belongs to that user").ConfigureAwait(false);
                return 2;
            }

            await using var server = await Hosting.LocalKube.StartAsync(options, cancellationToken).ConfigureAwait(false);
            if (parseResult.GetValue(kubeconfigOut) is { } kubeconfig)
            {
                await File.WriteAllTextAsync(kubeconfig.FullName, server.Kubeconfig(user), cancellationToken).ConfigureAwait(false);
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                stop.Cancel();
            });
            await output.WriteLineAsync($"ready").ConfigureAwait(false);
            await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            return 0;
        });
        return root;
    }
}
