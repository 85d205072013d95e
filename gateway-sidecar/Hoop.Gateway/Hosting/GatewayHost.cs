using System.Net;
using Hoop.Gateway.Approvals;
using Hoop.Gateway.Authentication;
using Hoop.Gateway.Postgres.Masking;
using Hoop.Gateway.Postgres.Sessions;
using Hoop.Gateway.Sessions;
using Hoop.Kube;
using Hoop.Kube.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace Hoop.Gateway.Hosting;

/// <summary>
/// The <c>hoop-gateway</c> process: follows its Connection and policies, renews its liveness Lease while it can serve,
/// answers probes and metrics, and serves clients until stopped — then drains open sessions.
/// </summary>
internal sealed class GatewayHost(GatewayOptions options, ILoggerFactory loggerFactory, TimeProvider time)
{
    /// <summary>The port a PostgreSQL gateway listens on when none is given.</summary>
    public const int DefaultPostgresPort = 5432;

    private readonly TaskCompletionSource<IPEndPoint> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ProcessHealth _health = new();

    /// <summary>Where clients connect, once the listener is bound.</summary>
    public Task<IPEndPoint> Listening => _listening.Task;

    /// <summary>Where <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c> answer, once started; null when not asked for.</summary>
    public Uri? AdminUrl { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var logger = loggerFactory.CreateLogger<GatewayHost>();
        var cluster = ClusterConnection.Resolve(options.Kubeconfig);
        using var client = cluster.CreateClient();
        using var oidcHttp = new HttpClient();
        Directory.CreateDirectory(options.Recordings.FullName);

        var follower = new ConnectionFollower(client, options, time, loggerFactory);
        var broker = new AccessRequestBroker(client, options, time, loggerFactory);
        var lease = new LivenessLease(client, options, time, logger);
        var executor = new GatewayExecutor(broker, follower, options, time, loggerFactory.CreateLogger<GatewayExecutor>());
        broker.ApprovedForGateway += executor.Offer;
        using var certificate = GatewayCertificate.Generate(options, time);
        await using var catalog = new ColumnCatalog(time);
        var services = new SessionServices(options, follower, new AuthenticatorSource(client, oidcHttp, time, logger), broker,
            new SessionRegistry(), certificate, catalog, time, loggerFactory);

        await using var endpoints = await ProbeEndpoints.StartAsync(options.AdminListen, options.AdminListen, _health, Metrics.DefaultRegistry, loggerFactory, cancellationToken).ConfigureAwait(false);
        AdminUrl = endpoints.HealthUrl;

        using var listener = new PostgresListener(options.Listen ?? new IPEndPoint(IPAddress.Any, DefaultPostgresPort), services);
        listener.Start();
        _listening.TrySetResult(listener.LocalEndpoint);
        logger.Listening(options.ConnectionKey, listener.LocalEndpoint);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var background = new[]
        {
            follower.RunAsync(stop.Token),
            broker.RunAsync(stop.Token),
            lease.RunAsync(() => follower.Current is not null && broker.HasSynced, stop.Token),
            FollowReadinessAsync(follower, broker, stop.Token),
            executor.RunAsync(stop.Token),
            new RecordingSweeper(() => follower.Current?.Connection, options, time, logger).RunAsync(stop.Token),
        };

        // Serving until asked to stop; then the listener drains while the watches keep decisions flowing to held sessions.
        await listener.RunAsync(cancellationToken).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(background).ConfigureAwait(false);
    }

    private async Task FollowReadinessAsync(ConnectionFollower follower, AccessRequestBroker broker, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500), time);
        do
        {
            if (follower.Current is null)
            {
                _health.NotReady(follower.Problem);
            }
            else if (!broker.HasSynced)
            {
                _health.NotReady("the AccessRequests of the Connection are not loaded yet");
            }
            else
            {
                _health.MarkReady();
            }
        }
        while (await Tick(timer, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<bool> Tick(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
