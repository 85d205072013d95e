using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hoop.Operator.Webhooks;

/// <summary>
/// One webhook URL: reads the AdmissionReview (400 when malformed, 413 over the size limit), asks the decision, and
/// answers with the same uid. Any exception while deciding refuses the write: admission here fails closed.
/// </summary>
internal sealed class AdmissionEndpoint(string path, Func<AdmissionRequest, CancellationToken, Task<AdmissionDecision>> decide, ILogger logger)
{
    /// <summary>The largest AdmissionReview read; the API server's own request limit is 3 MiB.</summary>
    public const int MaxBodyBytes = 3 * 1024 * 1024;

    public string Path => path;

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        AdmissionRequest request;
        try
        {
            request = AdmissionRequest.Parse(body);
        }
        catch (AdmissionReviewFormatException e)
        {
            WebhookLog.Malformed(logger, path, e.Message);
            await WritePlainAsync(context, StatusCodes.Status400BadRequest, $"malformed AdmissionReview: {e.Message}").ConfigureAwait(false);
            return;
        }

        AdmissionDecision decision;
        try
        {
            decision = await decide(request, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            WebhookLog.Failed(logger, e, path, request.Operation, Resource(request), request.Namespace, request.ObjectName, request.User.Username);
            decision = AdmissionDecision.Fail(
                $"the hoop webhook could not check {request.ObjectName} ({e.GetType().Name}: {e.Message}); the write was refused because approvals fail closed. Try again; if it persists, read the hoop operator's log");
        }

        if (decision.Allowed)
        {
            WebhookLog.Allowed(logger, path, request.Operation, Resource(request), request.Namespace, request.ObjectName, request.User.Username);
        }
        else
        {
            WebhookLog.Refused(logger, path, request.Operation, Resource(request), request.Namespace, request.ObjectName, request.User.Username, decision.Message);
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(AdmissionResponse.Build(request.Uid, decision).ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            await WritePlainAsync(context, StatusCodes.Status413PayloadTooLarge, $"the AdmissionReview is larger than {MaxBodyBytes} bytes").ConfigureAwait(false);
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    await WritePlainAsync(context, StatusCodes.Status413PayloadTooLarge, $"the AdmissionReview is larger than {MaxBodyBytes} bytes").ConfigureAwait(false);
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    private static async Task WritePlainAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(message, context.RequestAborted).ConfigureAwait(false);
    }

    private static string Resource(AdmissionRequest request) =>
        request.SubResource is null ? request.Resource : $"{request.Resource}/{request.SubResource}";
}
