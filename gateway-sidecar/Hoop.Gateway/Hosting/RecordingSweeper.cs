using Hoop.Api;
using Hoop.Api.V1Alpha1;
using Hoop.Recording.Retention;
using Microsoft.Extensions.Logging;

namespace Hoop.Gateway.Hosting;

/// <summary>
/// Deletes the replay logs older than the Connection's <c>spec.gateway.recording.retention</c> from the gateway's
/// volume: once the Connection is known, then every hour. Open logs (sessions still running) are never touched.
/// </summary>
internal sealed class RecordingSweeper(Func<Connection?> connection, GatewayOptions options, TimeProvider time, ILogger logger)
{
    public static readonly TimeSpan Every = TimeSpan.FromHours(1);
    private static readonly TimeSpan DefaultRetention = TimeSpan.FromHours(720);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (connection() is null)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken).ConfigureAwait(false);
            }

            while (true)
            {
                SweepOnce();
                await Task.Delay(Every, time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The gateway stops.
        }
    }

    /// <summary>One sweep by the retention of the Connection as last seen; returns how many logs were deleted.</summary>
    public int SweepOnce()
    {
        var text = connection()?.Spec.Gateway?.Recording?.Retention;
        var retention = GoDuration.TryParse(text, out var parsed) && parsed > TimeSpan.Zero ? parsed : DefaultRetention;
        try
        {
            if (!options.Recordings.Exists)
            {
                return 0;
            }

            var deleted = new RecordingRetention(time).DeleteExpired(options.Recordings.FullName, retention);
            if (deleted.Count > 0)
            {
                logger.RecordingsExpired(deleted.Count, retention);
            }

            return deleted.Count;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.RecordingsNotSwept(e);
            return 0;
        }
    }
}
