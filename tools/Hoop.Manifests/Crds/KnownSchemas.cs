using System.Text.Json.Nodes;

namespace Hoop.Manifests.Crds;

/// <summary>
/// Schemas of the Kubernetes types our kinds embed, as the API server's own OpenAPI gives them (reflection cannot
/// see their required fields and patterns).
/// </summary>
internal static class KnownSchemas
{
    public const string QuantityPattern =
        @"^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$";

    public static JsonObject Quantity() => new()
    {
        ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "integer" }, new JsonObject { ["type"] = "string" }),
        ["pattern"] = QuantityPattern,
        ["x-kubernetes-int-or-string"] = true,
    };

    public static JsonObject ResourceRequirements() => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["limits"] = new JsonObject
            {
                ["description"] = "Limits describes the maximum amount of compute resources allowed.",
                ["type"] = "object",
                ["additionalProperties"] = Quantity(),
            },
            ["requests"] = new JsonObject
            {
                ["description"] = "Requests describes the minimum amount of compute resources required.",
                ["type"] = "object",
                ["additionalProperties"] = Quantity(),
            },
        },
    };

    public static JsonObject LabelSelector() => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["matchExpressions"] = new JsonObject
            {
                ["description"] = "matchExpressions is a list of label selector requirements. The requirements are ANDed.",
                ["type"] = "array",
                ["items"] = new JsonObject
                {
                    ["type"] = "object",
                    ["required"] = new JsonArray("key", "operator"),
                    ["properties"] = new JsonObject
                    {
                        ["key"] = new JsonObject { ["description"] = "key is the label key that the selector applies to.", ["type"] = "string" },
                        ["operator"] = new JsonObject
                        {
                            ["description"] = "operator represents a key's relationship to a set of values.",
                            ["type"] = "string",
                            ["enum"] = new JsonArray("In", "NotIn", "Exists", "DoesNotExist"),
                        },
                        ["values"] = new JsonObject
                        {
                            ["description"] = "values is an array of string values; empty for Exists and DoesNotExist.",
                            ["type"] = "array",
                            ["items"] = new JsonObject { ["type"] = "string" },
                            ["x-kubernetes-list-type"] = "atomic",
                        },
                    },
                },
                ["x-kubernetes-list-type"] = "atomic",
            },
            ["matchLabels"] = new JsonObject
            {
                ["description"] = "matchLabels is a map of {key,value} pairs; each is an In requirement with one value.",
                ["type"] = "object",
                ["additionalProperties"] = new JsonObject { ["type"] = "string" },
            },
        },
        ["x-kubernetes-map-type"] = "atomic",
    };

    public static JsonObject Condition() => new()
    {
        ["description"] = "Condition contains details for one aspect of the current state of this API Resource.",
        ["type"] = "object",
        ["required"] = new JsonArray("lastTransitionTime", "message", "reason", "status", "type"),
        ["properties"] = new JsonObject
        {
            ["lastTransitionTime"] = new JsonObject
            {
                ["description"] = "lastTransitionTime is the last time the condition transitioned from one status to another.",
                ["type"] = "string",
                ["format"] = "date-time",
            },
            ["message"] = new JsonObject
            {
                ["description"] = "message is a human readable message indicating details about the transition.",
                ["type"] = "string",
                ["maxLength"] = 32768,
            },
            ["observedGeneration"] = new JsonObject
            {
                ["description"] = "observedGeneration is the .metadata.generation that the condition was set based upon.",
                ["type"] = "integer",
                ["format"] = "int64",
                ["minimum"] = 0,
            },
            ["reason"] = new JsonObject
            {
                ["description"] = "reason contains a programmatic identifier indicating the reason for the condition's last transition.",
                ["type"] = "string",
                ["maxLength"] = 1024,
                ["minLength"] = 1,
                ["pattern"] = "^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$",
            },
            ["status"] = new JsonObject
            {
                ["description"] = "status of the condition, one of True, False, Unknown.",
                ["type"] = "string",
                ["enum"] = new JsonArray("True", "False", "Unknown"),
            },
            ["type"] = new JsonObject
            {
                ["description"] = "type of condition in CamelCase or in foo.example.com/CamelCase.",
                ["type"] = "string",
                ["maxLength"] = 316,
                ["pattern"] = @"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$",
            },
        },
    };
}
