using System.IO.Pipelines;
using Hoop.Gateway.Postgres.Protocol;

namespace Hoop.Gateway.Postgres.Backend;

/// <summary>Asks the real server to cancel a backend's running statement, on a fresh connection as the protocol requires.</summary>
internal static class BackendCancelSender
{
    public static async Task SendAsync(BackendEndpoint endpoint, int processId, int secretKey, CancellationToken cancellationToken = default)
    {
        await using var stream = await BackendTransport.OpenAsync(endpoint, cancellationToken).ConfigureAwait(false);
        var output = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
        FrontendMessageWriter.CancelRequest(output, processId, secretKey);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        await output.CompleteAsync().ConfigureAwait(false);

        // The server answers nothing and closes; waiting for that keeps the cancel ordered before our next step.
        var drain = new byte[1];
        while (await stream.ReadAsync(drain, cancellationToken).ConfigureAwait(false) > 0)
        {
        }
    }
}
