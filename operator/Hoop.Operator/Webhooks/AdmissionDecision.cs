using System.Text.Json.Nodes;

namespace Hoop.Operator.Webhooks;

/// <summary>What a webhook answers: allowed (optionally with JSON patch operations) or refused with a reason.</summary>
internal sealed record AdmissionDecision(bool Allowed, int Code, string? Message, JsonArray? Patch)
{
    public static AdmissionDecision Allow() => new(true, 200, null, null);

    /// <summary>Allowed once the API server applies these RFC 6902 operations; no patch when the list is empty.</summary>
    public static AdmissionDecision AllowWithPatch(JsonArray operations) =>
        new(true, 200, null, operations.Count == 0 ? null : operations);

    public static AdmissionDecision Refuse(string message) => new(false, 403, message, null);

    /// <summary>The webhook could not decide; the write is refused because everything here fails closed.</summary>
    public static AdmissionDecision Fail(string message) => new(false, 500, message, null);
}
