using Hoop.Api;
using Hoop.Api.V1Alpha1;
using Hoop.Kube;
using Hoop.Kube.Hosting;
using Hoop.Kube.Informers;
using Hoop.Operator.Controllers;
using Hoop.Operator.Events;
using Hoop.Operator.Leadership;
using Hoop.Operator.Reconcilers.AccessRequests;
using Hoop.Operator.Reconcilers.Connections;
using Hoop.Operator.Reconcilers.Policies;
using Hoop.Operator.Webhooks;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace Hoop.Operator.Hosting;

/// <summary>
/// The operator process: probes and metrics, the admission webhooks (on every replica), and — on the leader only, when
/// leader election is on — the informers and the three controllers. Returns when cancelled, after draining.
/// </summary>
internal sealed partial class OperatorHost(OperatorOptions options, ILoggerFactory loggerFactory, TimeProvider time)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<OperatorHost>();
    private readonly ProcessHealth _health = new();

    /// <summary>Where the probes answer once started; for tests.</summary>
    public Uri? HealthUrl { get; private set; }

    public Uri? MetricsUrl { get; private set; }

    public CollectorRegistry Registry { get; } = Metrics.NewCustomRegistry();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var cluster = ClusterConnection.Resolve(options.Kubeconfig);
        using var client = cluster.CreateClient();
        await using var endpoints = await ProbeEndpoints.StartAsync(options.HealthListen, options.MetricsListen, _health, Registry, loggerFactory, cancellationToken).ConfigureAwait(false);
        HealthUrl = endpoints.HealthUrl;
        MetricsUrl = endpoints.MetricsUrl;

        await using var webhooks = await StartWebhooksAsync(client, cluster.OwnNamespace, cancellationToken).ConfigureAwait(false);
        if (!options.LeaderElect)
        {
            await RunControllersAsync(client, cancellationToken).ConfigureAwait(false);
            return;
        }

        // A standby replica serves webhooks, so it is ready; it reconciles only once it holds the Lease.
        _health.MarkReady();
        var election = new LeaderElection(client, new LeaderElectionOptions { Namespace = cluster.OwnNamespace }, time, loggerFactory.CreateLogger<LeaderElection>());
        LogCampaigning(_logger, election.Identity, cluster.OwnNamespace);
        await election.RunAsync(leading => RunControllersAsync(client, leading), cancellationToken).ConfigureAwait(false);
    }

    private async Task<AdmissionWebhooks?> StartWebhooksAsync(IKubernetes client, string ownNamespace, CancellationToken cancellationToken)
    {
        var inCluster = options.Kubeconfig is null && KubernetesClientConfiguration.IsInCluster();
        var listen = options.WebhookListen ?? (inCluster ? new System.Net.IPEndPoint(System.Net.IPAddress.Any, 9443) : null);
        if (listen is null)
        {
            LogNoWebhooks(_logger);
            return null;
        }

        var urlBase = options.WebhookUrlBase ?? (inCluster ? null : new Uri($"https://127.0.0.1:{listen.Port}"));
        var webhooks = await AdmissionWebhooks.StartAsync(client, new AdmissionWebhookOptions { Namespace = ownNamespace, Listen = listen, UrlBase = urlBase },
            time, loggerFactory, cancellationToken).ConfigureAwait(false);
        LogWebhooks(_logger, webhooks.Identity.Username);
        return webhooks;
    }

    private async Task RunControllersAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        var log = loggerFactory.CreateLogger("Hoop.Operator.Controllers");
        var watched = options.WatchNamespace;
        var connections = new ResourceInformer<Connection>(client, ResourceDescriptor.For(ResourceKind.Connection, watched), time, log);
        var policies = new ResourceInformer<ApprovalPolicy>(client, ResourceDescriptor.For(ResourceKind.ApprovalPolicy, watched), time, log);
        var requests = new ResourceInformer<AccessRequest>(client, ResourceDescriptor.For(ResourceKind.AccessRequest, watched), time, log);
        var leases = new ResourceInformer<V1Lease>(client, ResourceDescriptor.Leases(watched, WellKnownLabels.Connection), time, log);
        var managed = $"{WellKnownLabels.ManagedBy}={WellKnownLabels.ManagedByOperator}";
        var statefulSets = new ResourceInformer<V1StatefulSet>(client, ResourceDescriptor.StatefulSets(watched, managed), time, log);
        var services = new ResourceInformer<V1Service>(client, ResourceDescriptor.Services(watched, managed), time, log);

        var metrics = new ControllerMetrics(Registry);
        var events = new EventRecorder(client, time, loggerFactory.CreateLogger<EventRecorder>());
        using var connectionController = new Controller(
                new ConnectionReconciler(connections, leases, client, new GatewayDefaults { Image = options.GatewayImage }, time, loggerFactory.CreateLogger<ConnectionReconciler>()),
                time, log, metrics)
            .Watches(connections, Predicates.GenerationChanged)
            .Owns(statefulSets, HoopApiGroup.ApiVersion, ResourceKind.Connection.Kind)
            .Owns(services, HoopApiGroup.ApiVersion, ResourceKind.Connection.Kind)
            .Watches(leases, (V1Lease lease) => lease.Metadata.Labels?.TryGetValue(WellKnownLabels.Connection, out var name) == true
                ? [new ObjectKey(lease.Metadata.NamespaceProperty ?? "", name)]
                : []);
        using var policyController = new Controller(
                new ApprovalPolicyReconciler(policies, connections, client, time, loggerFactory.CreateLogger<ApprovalPolicyReconciler>()), time, log, metrics)
            .Watches(policies, Predicates.GenerationChanged)
            .Watches(connections, (Connection connection) => ApprovalPolicyReconciler.KeysFor(connection, policies));

        // Reviews live in status, so every AccessRequest change is looked at; converged requests cost no API call.
        using var requestController = new Controller(
                new AccessRequestReconciler(requests, connections, policies, client, events, new AccessRequestMetrics(Registry, time), time,
                    loggerFactory.CreateLogger<AccessRequestReconciler>()),
                time, log, metrics)
            .Watches(requests)
            .Watches(connections, (Connection connection) => AccessRequestReconciler.KeysFor(connection, requests))
            .Watches(policies, (ApprovalPolicy policy) => AccessRequestReconciler.KeysFor(policy, requests));

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task[] informers = [connections.RunAsync(stop.Token), policies.RunAsync(stop.Token), requests.RunAsync(stop.Token),
            leases.RunAsync(stop.Token), statefulSets.RunAsync(stop.Token), services.RunAsync(stop.Token)];
        try
        {
            _health.NotReady("waiting for the caches to sync");
            await Task.WhenAll(connections.WaitForSyncAsync(stop.Token), policies.WaitForSyncAsync(stop.Token), requests.WaitForSyncAsync(stop.Token),
                leases.WaitForSyncAsync(stop.Token), statefulSets.WaitForSyncAsync(stop.Token), services.WaitForSyncAsync(stop.Token)).ConfigureAwait(false);
            _health.MarkReady();
            LogReconciling(_logger, watched ?? "all namespaces");
            await Task.WhenAll(connectionController.RunAsync(stop.Token), policyController.RunAsync(stop.Token), requestController.RunAsync(stop.Token)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(informers).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "candidate {Identity} campaigning for the leader Lease in namespace {Namespace}")]
    private static partial void LogCampaigning(ILogger logger, string identity, string @namespace);

    [LoggerMessage(Level = LogLevel.Warning, Message = "no --webhook-listen given out of cluster: AccessRequests are admitted without the operator's identity checks")]
    private static partial void LogNoWebhooks(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "admission webhooks serving; the operator acts as {Identity}")]
    private static partial void LogWebhooks(ILogger logger, string identity);

    [LoggerMessage(Level = LogLevel.Information, Message = "caches synced; reconciling Connections, ApprovalPolicies and AccessRequests in {Scope}")]
    private static partial void LogReconciling(ILogger logger, string scope);
}
