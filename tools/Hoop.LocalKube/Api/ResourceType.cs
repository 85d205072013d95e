using System.Text.Json.Nodes;
using Hoop.LocalKube.Validation;

namespace Hoop.LocalKube.Api;

/// <summary>One resource the server serves: where it lives in the API, what it is called, and what it supports.</summary>
internal sealed record ResourceType(string Group, string Version, string Resource, string Kind, bool Namespaced)
{
    public static readonly IReadOnlyList<string> AllVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public string Singular { get; init; } = Kind.ToLowerInvariant();

    public IReadOnlyList<string> ShortNames { get; init; } = [];

    public IReadOnlyList<string> Categories { get; init; } = [];

    public IReadOnlyList<string> Verbs { get; init; } = AllVerbs;

    /// <summary>Whether the resource has a status subresource: status is then written only through <c>/status</c>.</summary>
    public bool HasStatus { get; init; }

    /// <summary>Virtual resources (reviews, token requests) are answered, never stored.</summary>
    public bool IsVirtual { get; init; }

    /// <summary>Served from a CustomResourceDefinition: validated against its schema; no strategic merge patch.</summary>
    public bool IsCustom { get; init; }

    public CrdValidator? Validator { get; init; }

    /// <summary>The CRD's additionalPrinterColumns, for Table responses.</summary>
    public JsonArray? PrinterColumns { get; init; }

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The name the API server uses in messages: <c>widgets.example.com</c>, or <c>pods</c> for the core group.</summary>
    public string QualifiedResource => Group.Length == 0 ? Resource : $"{Resource}.{Group}";

    /// <summary>The storage key: versions of one resource share storage, and so do the two kinds of Event.</summary>
    public string StorageKey => IsEventsV1 ? "/events" : $"{Group}/{Resource}";

    private bool IsEventsV1 => Group == "events.k8s.io" && Resource == "events";

    /// <summary>The stored form of an object written through this resource.</summary>
    public JsonObject ToStorage(JsonObject obj) =>
        IsEventsV1 ? EventConversion.ToCore(obj)
        : Group.Length == 0 && Resource == "secrets" ? SecretStringData.MergeIntoData(obj)
        : obj;

    /// <summary>A stored object as this resource serves it (a copy when it differs).</summary>
    public JsonObject FromStorage(JsonObject obj) => IsEventsV1 ? EventConversion.FromCore(obj) : obj;
}
