using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace Hoop.LocalKube.Patching;

/// <summary>Why a patch could not be applied; the API server answers 400 for the first and 422 for the second.</summary>
internal enum PatchFailure
{
    /// <summary>The patch applied.</summary>
    None,

    /// <summary>The body is not a patch of its kind at all: invalid JSON, or a JSON patch that is not an array of objects.</summary>
    MalformedPatch,

    /// <summary>The body is a patch, but it does not fit the object: a missing path, a failed test, a missing merge key.</summary>
    NotApplicable,
}

/// <summary>The object a patch produced, or why it produced none; patch engines report bad input here instead of throwing.</summary>
internal sealed record PatchOutcome
{
    private PatchOutcome(JsonNode? result, string? error, PatchFailure failure)
    {
        Result = result;
        Error = error;
        Failure = failure;
    }

    /// <summary>The patched document, a tree of its own that shares no node with the inputs; <c>null</c> is JSON null.</summary>
    public JsonNode? Result { get; }

    public string? Error { get; }

    public PatchFailure Failure { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    public static PatchOutcome Success(JsonNode? result) => new(result, null, PatchFailure.None);

    public static PatchOutcome Malformed(string error) => new(null, error, PatchFailure.MalformedPatch);

    public static PatchOutcome NotApplicable(string error) => new(null, error, PatchFailure.NotApplicable);
}
