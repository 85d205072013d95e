using System.Net;
using System.Text.Json;
using k8s.Autorest;

namespace Hoop.Kubectl.Cluster;

/// <summary>Turns an API server's failure into the one line a user reads: the Status message, as kubectl prints it.</summary>
internal static class ApiErrors
{
    public static string Describe(HttpOperationException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var code = e.Response?.StatusCode;
        if (StatusMessage(e.Response?.Content) is { } message)
        {
            return message;
        }

        return code switch
        {
            HttpStatusCode.Unauthorized => "you must be logged in to the server (Unauthorized): check the kubeconfig's credentials",
            HttpStatusCode.Forbidden => "the API server refused the request (Forbidden)",
            null => e.Message,
            _ => $"the API server answered {(int)code} {code}",
        };
    }

    public static bool Is(Exception e, HttpStatusCode code) => e is HttpOperationException { Response.StatusCode: var status } && status == code;

    private static string? StatusMessage(string? content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(content);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("message", out var message)
                && message.ValueKind == JsonValueKind.String
                ? message.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
