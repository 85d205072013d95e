namespace Hoop.LocalKube.Patching;

/// <summary>The patch formats the API server accepts, by media type.</summary>
internal enum PatchKind
{
    JsonPatch,
    MergePatch,
    StrategicMergePatch,
    ApplyPatch,
}

/// <summary>Maps a Content-Type to its patch format, ignoring parameters such as <c>; charset=utf-8</c>.</summary>
internal static class PatchKinds
{
    public static PatchKind? FromContentType(string contentType) =>
        contentType.Split(';')[0].Trim().ToLowerInvariant() switch
        {
            "application/json-patch+json" => PatchKind.JsonPatch,
            "application/merge-patch+json" => PatchKind.MergePatch,
            "application/strategic-merge-patch+json" => PatchKind.StrategicMergePatch,
            "application/apply-patch+yaml" => PatchKind.ApplyPatch,
            _ => null,
        };
}

/// <summary>The result of applying a patch: the new document, or why the patch does not apply.</summary>
internal sealed record PatchOutcome(System.Text.Json.Nodes.JsonNode? Result, string? Error)
{
    public static PatchOutcome Fail(string error) => new(null, error);
}
