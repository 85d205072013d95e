using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Hoop.Api;
using Hoop.Api.Serialization;
using Hoop.Api.V1Alpha1;

namespace Hoop.Kubectl.Policy;

/// <summary>
/// Reads ApprovalPolicies from YAML or JSON files and directories, as <c>kubectl apply -f</c> would find them.
/// Other kinds in the same files are skipped, so <c>-f samples/</c> works. Fields the API does not know are errors:
/// a mistyped <c>aprovals:</c> would otherwise vanish silently.
/// </summary>
internal static class PolicyFiles
{
    private static readonly JsonSerializerOptions Strict = new() { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    public static IReadOnlyList<ApprovalPolicy> Load(IEnumerable<string> paths)
    {
        var policies = new List<ApprovalPolicy>();
        foreach (var path in paths)
        {
            foreach (var file in Expand(path))
            {
                policies.AddRange(LoadFile(file));
            }
        }

        return policies;
    }

    private static IEnumerable<string> Expand(string path)
    {
        if (Directory.Exists(path))
        {
            return Directory.EnumerateFiles(path)
                .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal);
        }

        return File.Exists(path) ? [path] : throw new UserError($"{path}: no such file or directory");
    }

    private static List<ApprovalPolicy> LoadFile(string file)
    {
        IReadOnlyList<JsonNode?> documents;
        try
        {
            documents = YamlDocuments.Parse(File.ReadAllText(file));
        }
        catch (FormatException e)
        {
            throw new UserError($"{file}: not valid YAML: {e.Message}");
        }

        var policies = new List<ApprovalPolicy>();
        for (var i = 0; i < documents.Count; i++)
        {
            if (documents[i] is not JsonObject document || document["kind"]?.GetValueKind() != JsonValueKind.String
                || (string?)document["kind"] != "ApprovalPolicy")
            {
                continue;
            }

            var where = documents.Count == 1 ? file : $"{file} (document {i + 1})";
            if ((string?)document["apiVersion"] != HoopApiGroup.ApiVersion)
            {
                throw new UserError($"{where}: apiVersion is {document["apiVersion"]?.ToJsonString() ?? "missing"}; this plugin reads {HoopApiGroup.ApiVersion}");
            }

            try
            {
                var policy = document.Deserialize<ApprovalPolicy>(Strict)!;
                if (string.IsNullOrEmpty(policy.Metadata?.Name))
                {
                    throw new UserError($"{where}: the ApprovalPolicy has no metadata.name");
                }

                policies.Add(policy);
            }
            catch (JsonException e)
            {
                throw new UserError($"{where}: {Describe(e)}");
            }
        }

        return policies;
    }

    private static string Describe(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var text = cut < 0 ? message : message[..cut];
        return e.Path is { } path ? $"{text} (at {path.TrimStart('$', '.')})" : text;
    }
}
