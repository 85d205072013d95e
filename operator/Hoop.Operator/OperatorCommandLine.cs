using System.CommandLine;
using System.Net;
using Hoop.Kube.Hosting;
using Hoop.Operator.Hosting;

namespace Hoop.Operator;

/// <summary>The <c>hoop-operator</c> command line, as DESIGN.md's contract gives it.</summary>
internal static class OperatorCommandLine
{
    public static RootCommand Create()
    {
        var kubeconfig = new Option<FileInfo>("--kubeconfig") { Description = "Kubeconfig to use out of cluster; in cluster the pod's ServiceAccount is used." };
        var watchNamespace = new Option<string>("--namespace") { Description = "Watch only this namespace (default: all namespaces)." };
        var leaderElect = new Option<bool>("--leader-elect") { Description = "Run only while holding the leader Lease, so replicas can stand by." };
        var webhookListen = new Option<string>("--webhook-listen") { Description = "HOST:PORT the admission webhooks listen on (in cluster: 0.0.0.0:9443)." };
        var webhookUrlBase = new Option<string>("--webhook-url-base") { Description = "Base URL the API server calls the webhooks at, when running out of cluster." };
        var metricsListen = new Option<string>("--metrics-listen") { Description = "HOST:PORT for /metrics." };
        var healthListen = new Option<string>("--health-listen") { Description = "HOST:PORT for /healthz and /readyz." };
        var gatewayImage = new Option<string>("--gateway-image") { Description = $"Image of the gateways the operator runs (default {OperatorOptions.DefaultGatewayImage})." };
        var root = new RootCommand("hoop-operator reconciles Connections, ApprovalPolicies and AccessRequests and serves the admission webhooks.")
        {
            kubeconfig, watchNamespace, leaderElect, webhookListen, webhookUrlBase, metricsListen, healthListen, gatewayImage,
        };
        root.SetAction(async (parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            IPEndPoint? Listen(Option<string> option)
            {
                if (parseResult.GetValue(option) is not { } text)
                {
                    return null;
                }

                return ListenAddress.TryParse(text, out var endpoint, out var problem) ? endpoint : throw new UserInputException($"{option.Name}: {problem}");
            }

            OperatorOptions options;
            try
            {
                options = new OperatorOptions
                {
                    Kubeconfig = parseResult.GetValue(kubeconfig),
                    WatchNamespace = parseResult.GetValue(watchNamespace),
                    LeaderElect = parseResult.GetValue(leaderElect),
                    WebhookListen = Listen(webhookListen),
                    WebhookUrlBase = UrlBase(parseResult.GetValue(webhookUrlBase)),
                    MetricsListen = Listen(metricsListen),
                    HealthListen = Listen(healthListen),
                    GatewayImage = parseResult.GetValue(gatewayImage) ?? OperatorOptions.DefaultGatewayImage,
                };
                if (options.WebhookUrlBase is { } url && url.Scheme != Uri.UriSchemeHttps)
                {
                    throw new UserInputException($"--webhook-url-base: '{url}' must be https: the API server calls admission webhooks over TLS only");
                }

                if (options.Kubeconfig is { Exists: false } missing)
                {
                    throw new UserInputException($"--kubeconfig: {missing.FullName} does not exist");
                }
            }
            catch (UserInputException e)
            {
                await error.WriteLineAsync($"hoop-operator: {e.Message}").ConfigureAwait(false);
                return 2;
            }

            return await ProcessRunner.RunAsync("hoop-operator", error, (loggerFactory, stop) =>
                new OperatorHost(options, loggerFactory, TimeProvider.System).RunAsync(stop), cancellationToken).ConfigureAwait(false);
        });
        return root;
    }

    private static Uri? UrlBase(string? text) =>
        text is null ? null
        : Uri.TryCreate(text, UriKind.Absolute, out var url) ? url
        : throw new UserInputException($"--webhook-url-base: '{text}' is not an absolute URL such as https://10.0.0.5:9443");

    private sealed class UserInputException(string message) : Exception(message);
}
