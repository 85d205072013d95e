using Hoop.Api.V1Alpha1;
using k8s;
using k8s.Autorest;

namespace Hoop.Kubectl.Requests;

/// <summary>
/// Follows one request until it reaches an end: reads it, then watches it (field selector on its name) from that
/// version, reading again whenever a watch ends or fails, and reports every phase change once.
/// </summary>
internal sealed class RequestFollower(AccessRequestStore store)
{
    private static readonly TimeSpan WatchRound = TimeSpan.FromSeconds(5);

    public async Task<AccessRequest> FollowAsync(string name, Action<AccessRequest> onChange, CancellationToken cancellationToken)
    {
        string? reported = null;
        while (true)
        {
            var request = await store.GetAsync(name, cancellationToken).ConfigureAwait(false);
            if (Report(request) is { } done)
            {
                return done;
            }

            // Each watch is short: should an event be missed, the next read still sees where the request stands.
            using var round = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            round.CancelAfter(WatchRound);
            try
            {
                await foreach (var (type, changed) in store.WatchAsync(name, request.Metadata.ResourceVersion, round.Token).ConfigureAwait(false))
                {
                    if (type is WatchEventType.Added or WatchEventType.Modified && changed.Metadata?.Name == name && Report(changed) is { } end)
                    {
                        return end;
                    }

                    if (type == WatchEventType.Deleted)
                    {
                        throw new UserError($"{RequestText.Ref(changed)} was deleted while it was followed");
                    }
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The round is over; read again.
            }
            catch (Exception e) when (e is HttpOperationException or HttpRequestException or IOException or KubernetesException && !cancellationToken.IsCancellationRequested)
            {
                // A watch that expired or broke: read the request again and watch from there.
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
            }
        }

        AccessRequest? Report(AccessRequest request)
        {
            var state = $"{RequestText.Phase(request)} {RequestText.Approvals(request)}";
            if (state != reported)
            {
                reported = state;
                onChange(request);
            }

            return RequestText.IsFinal(request) ? request : null;
        }
    }
}
