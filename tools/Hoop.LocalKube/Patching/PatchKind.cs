namespace Hoop.LocalKube.Patching;

/// <summary>The patch formats a PATCH request can carry, told apart by its Content-Type.</summary>
internal enum PatchKind
{
    /// <summary>RFC 6902 JSON patch, <c>application/json-patch+json</c>.</summary>
    JsonPatch,

    /// <summary>RFC 7386 JSON merge patch, <c>application/merge-patch+json</c>.</summary>
    MergePatch,

    /// <summary>Kubernetes strategic merge patch, <c>application/strategic-merge-patch+json</c>; built-in kinds only.</summary>
    StrategicMergePatch,

    /// <summary>Server-side apply, <c>application/apply-patch+yaml</c> (clients send JSON, which is YAML too).</summary>
    ApplyPatch,
}

/// <summary>Maps PATCH media types to <see cref="PatchKind"/> and back.</summary>
internal static class PatchKinds
{
    public const string JsonPatchMediaType = "application/json-patch+json";
    public const string MergePatchMediaType = "application/merge-patch+json";
    public const string StrategicMergePatchMediaType = "application/strategic-merge-patch+json";
    public const string ApplyPatchMediaType = "application/apply-patch+yaml";

    /// <summary>
    /// The patch kind a Content-Type names, ignoring parameters such as <c>; charset=utf-8</c> (the C# client adds one)
    /// and letter case; <c>null</c> for anything else, which the server answers with 415.
    /// </summary>
    public static PatchKind? FromContentType(string? contentType)
    {
        if (contentType is null)
        {
            return null;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        var mediaType = (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
        return mediaType.ToUpperInvariant() switch
        {
            "APPLICATION/JSON-PATCH+JSON" => PatchKind.JsonPatch,
            "APPLICATION/MERGE-PATCH+JSON" => PatchKind.MergePatch,
            "APPLICATION/STRATEGIC-MERGE-PATCH+JSON" => PatchKind.StrategicMergePatch,
            "APPLICATION/APPLY-PATCH+YAML" => PatchKind.ApplyPatch,
            _ => null,
        };
    }

    public static string MediaTypeOf(PatchKind kind) => kind switch
    {
        PatchKind.JsonPatch => JsonPatchMediaType,
        PatchKind.MergePatch => MergePatchMediaType,
        PatchKind.StrategicMergePatch => StrategicMergePatchMediaType,
        PatchKind.ApplyPatch => ApplyPatchMediaType,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a patch kind."),
    };
}
