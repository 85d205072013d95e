using System.Text.Json.Nodes;

namespace Hoop.Chart.Tests.Values;

public sealed class ValuesSchemaTests
{
    [Fact]
    public void The_default_values_are_valid()
    {
        var problems = ValuesSchema.Problems(ChartFiles.Values());

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void Values_an_operator_would_set_are_valid()
    {
        var values = ChartFiles.Values();
        values["operator"]!["replicas"] = 3;
        values["operator"]!["watchNamespace"] = "payments";
        values["certManager"]!["enabled"] = true;
        values["certManager"]!["issuerRef"] = new JsonObject { ["name"] = "corp-ca", ["kind"] = "ClusterIssuer" };
        values["approvers"] = JsonNode.Parse("""[{"namespace":"payments","policy":"production","subjects":[{"kind":"Group","name":"dba-leads","apiGroup":"rbac.authorization.k8s.io"}]}]""");

        var problems = ValuesSchema.Problems(values);

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    public static TheoryData<string, string> BadValues => new()
    {
        { "no replicas", """{"operator":{"replicas":0}}""" },
        { "a pull policy Kubernetes does not know", """{"operator":{"image":{"pullPolicy":"Sometimes"}}}""" },
        { "a namespace that is no DNS label", """{"operator":{"watchNamespace":"Payments_NS"}}""" },
        { "a port out of range", """{"operator":{"ports":{"webhook":70000}}}""" },
        { "a misspelt top-level key", """{"certmanager":{"enabled":true}}""" },
        { "an approver entry without subjects", """{"approvers":[{"namespace":"payments","policy":"production"}]}""" },
        { "an approver subject of an unknown kind", """{"approvers":[{"namespace":"payments","policy":"production","subjects":[{"kind":"Team","name":"x"}]}]}""" },
        { "a sync wave that is no integer", """{"argocd":{"syncWaves":{"crds":"first"}}}""" },
        { "a switch given as a string", """{"validatingAdmissionPolicy":{"enabled":"yes"}}""" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Bad_values_are_refused(string what, string patch)
    {
        var values = ChartFiles.Values();
        Merge(values, JsonNode.Parse(patch)!.AsObject());

        Assert.True(ValuesSchema.Problems(values).Count > 0, $"the schema accepted {what}: {patch}");
    }

    /// <summary>Helm's own merge of --set/-f values: maps merge key by key, anything else replaces.</summary>
    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch.ToList())
        {
            if (value is JsonObject child && target[key] is JsonObject existing)
            {
                Merge(existing, child);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }
}
