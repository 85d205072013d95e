using System.Net;
using Hoop.Api;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Hoop.Gateway.Hosting;

/// <summary>
/// The replica's liveness Lease (<see cref="GatewayNames.LivenessLease"/>), labelled with its Connection: the operator
/// reports the Connection Ready while at least one replica's Lease is within its duration. Renewed only while the
/// replica can serve, so a gateway that lost its Connection or policies stops counting once the Lease lapses.
/// </summary>
internal sealed class LivenessLease
{
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(10);

    private readonly IKubernetes _client;
    private readonly GatewayOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public LivenessLease(IKubernetes client, GatewayOptions options, TimeProvider time, ILogger logger)
    {
        _client = client;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public string Name => GatewayNames.LivenessLease(_options.Connection, _options.Replica);

    /// <summary>Renews every <see cref="RenewEvery"/> while <paramref name="serving"/> says so, until cancelled.</summary>
    public async Task RunAsync(Func<bool> serving, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            if (serving())
            {
                try
                {
                    await RenewAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return; // shutting down in the middle of a renewal
                }
                catch (Exception e) when (e is HttpOperationException or HttpRequestException or OperationCanceledException)
                {
                    _logger.LeaseNotRenewed(e, Name); // an API server that is away or slow (a timeout) is retried next round
                }
            }

            try
            {
                await Task.Delay(RenewEvery, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task RenewAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        V1Lease? lease;
        try
        {
            lease = await _client.CoordinationV1.ReadNamespacedLeaseAsync(Name, _options.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            lease = null;
        }

        if (lease is null)
        {
            await _client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease
            {
                ApiVersion = "coordination.k8s.io/v1",
                Kind = "Lease",
                Metadata = new V1ObjectMeta
                {
                    Name = Name,
                    NamespaceProperty = _options.Namespace,
                    Labels = new Dictionary<string, string> { [WellKnownLabels.Connection] = _options.Connection },
                },
                Spec = Spec(now, now),
            }, _options.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }

        lease.Spec = Spec(lease.Spec?.HolderIdentity == _options.Replica ? lease.Spec.AcquireTime ?? now : now, now);
        lease.Metadata.Labels ??= new Dictionary<string, string>();
        lease.Metadata.Labels[WellKnownLabels.Connection] = _options.Connection;
        await _client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, Name, _options.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private V1LeaseSpec Spec(DateTime acquired, DateTime renewed) => new()
    {
        HolderIdentity = _options.Replica,
        LeaseDurationSeconds = (int)Duration.TotalSeconds,
        AcquireTime = acquired,
        RenewTime = renewed,
    };
}
