using System.Text.Json.Nodes;

namespace Hoop.LocalKube.Admission;

/// <summary>Whether a webhook's <c>rules</c> select a request (operations, groups, versions, resources with subresources, scope).</summary>
internal static class WebhookRules
{
    public static bool Select(JsonObject webhook, AdmissionRequest request)
    {
        var resource = request.Subresource is null ? request.Type.Resource : $"{request.Type.Resource}/{request.Subresource}";
        foreach (var rule in webhook["rules"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            if (Matches(rule["operations"], request.Operation)
                && Matches(rule["apiGroups"], request.Type.Group)
                && Matches(rule["apiVersions"], request.Type.Version)
                && MatchesResource(rule["resources"], resource)
                && MatchesScope(rule["scope"]?.GetValue<string>() ?? "*", request.Type.Namespaced))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Matches(JsonNode? list, string value) =>
        list?.AsArray().Any(v => v?.GetValue<string>() is "*" || v?.GetValue<string>() == value) == true;

    private static bool MatchesResource(JsonNode? list, string resource)
    {
        var (name, sub) = resource.Split('/') is [var n, var s] ? (n, s) : (resource, "");
        return list?.AsArray().Any(v =>
        {
            var pattern = v?.GetValue<string>() ?? "";
            var (patternName, patternSub) = pattern.Split('/') is [var pn, var ps] ? (pn, ps) : (pattern, "");
            return (patternName == "*" || patternName == name) && (patternSub == "*" ? sub.Length > 0 : patternSub == sub)
                || (pattern == "*" && sub.Length == 0) || pattern == "*/*";
        }) == true;
    }

    private static bool MatchesScope(string scope, bool namespaced) =>
        scope == "*" || (scope == "Namespaced") == namespaced;
}
