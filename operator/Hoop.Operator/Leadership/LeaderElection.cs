using System.Net;
using System.Runtime.ExceptionServices;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Hoop.Operator.Leadership;

/// <summary>
/// Lease-based leader election (coordination.k8s.io/v1), as client-go's: acquire and renew with optimistic concurrency
/// (a stale resourceVersion gets 409, which keeps two candidates apart), judge a foreign lease expired by when this
/// candidate last saw it change (not by the holder's clock), step down once renewal misses its deadline.
/// </summary>
internal sealed class LeaderElection
{
    private readonly IKubernetes _client;
    private readonly LeaderElectionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private (string? Holder, DateTime? RenewTime, string? ResourceVersion) _observed;
    private DateTimeOffset _observedAt;
    private volatile bool _isLeader;

    public LeaderElection(IKubernetes client, LeaderElectionOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        _client = client;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public string Identity => _options.Identity;

    public bool IsLeader => _isLeader;

    /// <summary>
    /// Campaigns until leader, then runs <paramref name="whileLeading"/> with a token cancelled the moment leadership is
    /// lost or <paramref name="cancellationToken"/> is; after a loss it campaigns again. On cancellation it waits for
    /// <paramref name="whileLeading"/> to return, releases the lease and returns.
    /// </summary>
    public async Task RunAsync(Func<CancellationToken, Task> whileLeading, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(whileLeading);
        while (!cancellationToken.IsCancellationRequested)
        {
            if (!await AcquireAsync(cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            using var leading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var work = Task.Run(() => whileLeading(leading.Token), CancellationToken.None);
            var renewal = RenewAsync(work, leading);
            Exception? failure = null;
            try
            {
                await work.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (leading.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                failure = e;
            }

            await leading.CancelAsync().ConfigureAwait(false);
            await renewal.ConfigureAwait(false);
            var lost = !_isLeader;
            _isLeader = false;
            if (!lost && (_options.ReleaseOnCancel || !cancellationToken.IsCancellationRequested))
            {
                await ReleaseAsync().ConfigureAwait(false);
            }

            if (failure is not null)
            {
                ExceptionDispatchInfo.Throw(failure);
            }

            if (!lost)
            {
                return;
            }
        }
    }

    private async Task<bool> AcquireAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await TryAcquireOrRenewAsync(cancellationToken).ConfigureAwait(false))
            {
                _isLeader = true;
                _logger.Acquired(Identity, _options.Namespace, _options.LeaseName);
                return true;
            }

            try
            {
                await Task.Delay(Jittered(_options.RetryPeriod), _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    /// <summary>Renews every retry period until the work ends or stopping begins; steps down (cancels the work) past the renew deadline.</summary>
    private async Task RenewAsync(Task work, CancellationTokenSource leading)
    {
        var deadline = _time.GetUtcNow() + _options.RenewDeadline;
        while (!leading.IsCancellationRequested && !work.IsCompleted)
        {
            // Wakes at the deadline at the latest, so stepping down is never late by a retry period.
            var wait = Min(_options.RetryPeriod, deadline - _time.GetUtcNow());
            try
            {
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, leading.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            // Each attempt is bounded by what is left of the deadline, so a hung request cannot keep a stale leader.
            var left = deadline - _time.GetUtcNow();
            if (left > TimeSpan.Zero)
            {
                using var timeout = new CancellationTokenSource(left, _time);
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(leading.Token, timeout.Token);
                var started = _time.GetUtcNow();
                if (await TryAcquireOrRenewAsync(attempt.Token).ConfigureAwait(false))
                {
                    // Counted from before the request: the lease's renewTime is no later than that.
                    deadline = started + _options.RenewDeadline;
                    continue;
                }
            }

            if (_time.GetUtcNow() >= deadline && !leading.IsCancellationRequested)
            {
                _isLeader = false;
                _logger.Lost(Identity, _options.RenewDeadline);
                await leading.CancelAsync().ConfigureAwait(false);
                return;
            }
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private async Task<bool> TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        try
        {
            var now = _time.GetUtcNow();
            V1Lease? lease;
            try
            {
                lease = await _client.CoordinationV1.ReadNamespacedLeaseAsync(_options.LeaseName, _options.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.NotFound)
            {
                lease = null;
            }

            if (lease is null)
            {
                await _client.CoordinationV1.CreateNamespacedLeaseAsync(NewLease(now), _options.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                Observe(Identity, now.UtcDateTime, null, now);
                return true;
            }

            var spec = lease.Spec ??= new V1LeaseSpec();
            var observed = (spec.HolderIdentity, spec.RenewTime, lease.Metadata.ResourceVersion);
            if (observed != _observed)
            {
                _observed = observed;
                _observedAt = now;
            }

            var holder = spec.HolderIdentity;
            var held = !string.IsNullOrEmpty(holder) && holder != Identity;
            var duration = TimeSpan.FromSeconds(spec.LeaseDurationSeconds ?? (int)_options.LeaseDuration.TotalSeconds);
            if (held && _observedAt + duration > now)
            {
                _logger.HeldByOther(holder!);
                return false;
            }

            if (holder != Identity)
            {
                spec.AcquireTime = now.UtcDateTime;
                spec.LeaseTransitions = (spec.LeaseTransitions ?? 0) + 1;
            }

            spec.HolderIdentity = Identity;
            spec.RenewTime = now.UtcDateTime;
            spec.LeaseDurationSeconds = LeaseSeconds;
            // The resourceVersion read above rides along: if anyone wrote in between, this is a 409 and we lose the round.
            var written = await _client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, _options.LeaseName, _options.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            Observe(Identity, now.UtcDateTime, written.Metadata.ResourceVersion, now);
            return true;
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException or OperationCanceledException or IOException)
        {
            _logger.AttemptFailed(e, Identity);
            return false;
        }
    }

    /// <summary>Clears the holder and shortens the lease so a waiting candidate takes over at its next try.</summary>
    private async Task ReleaseAsync()
    {
        using var timeout = new CancellationTokenSource(_options.RenewDeadline, _time);
        try
        {
            var lease = await _client.CoordinationV1.ReadNamespacedLeaseAsync(_options.LeaseName, _options.Namespace, cancellationToken: timeout.Token).ConfigureAwait(false);
            if (lease.Spec?.HolderIdentity != Identity)
            {
                return;
            }

            lease.Spec.HolderIdentity = null;
            lease.Spec.LeaseDurationSeconds = 1;
            lease.Spec.RenewTime = _time.GetUtcNow().UtcDateTime;
            await _client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, _options.LeaseName, _options.Namespace, cancellationToken: timeout.Token).ConfigureAwait(false);
            _logger.Released(Identity);
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException or OperationCanceledException or IOException)
        {
            _logger.AttemptFailed(e, Identity);
        }
    }

    private int LeaseSeconds => Math.Max(1, (int)Math.Ceiling(_options.LeaseDuration.TotalSeconds));

    private V1Lease NewLease(DateTimeOffset now) => new()
    {
        ApiVersion = "coordination.k8s.io/v1",
        Kind = "Lease",
        Metadata = new V1ObjectMeta { Name = _options.LeaseName, NamespaceProperty = _options.Namespace },
        Spec = new V1LeaseSpec
        {
            HolderIdentity = Identity,
            LeaseDurationSeconds = LeaseSeconds,
            AcquireTime = now.UtcDateTime,
            RenewTime = now.UtcDateTime,
            LeaseTransitions = 0,
        },
    };

    private void Observe(string holder, DateTime renewTime, string? resourceVersion, DateTimeOffset at)
    {
        _observed = (holder, renewTime, resourceVersion);
        _observedAt = at;
    }

    private static TimeSpan Jittered(TimeSpan period) => period * (1 + Random.Shared.NextDouble() * 0.2);
}
