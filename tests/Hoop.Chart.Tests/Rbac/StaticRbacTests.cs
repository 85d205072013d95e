using System.Text.Json.Nodes;

namespace Hoop.Chart.Tests.Rbac;

/// <summary>The chart's RBAC roles are plain YAML, so what is tested against an API server is what Helm installs.</summary>
public sealed class StaticRbacTests
{
    public static TheoryData<string> Files => new(ChartFiles.StaticRbac);

    [Theory]
    [MemberData(nameof(Files))]
    public void A_static_rbac_file_holds_no_template_action(string file)
    {
        Assert.DoesNotContain("{{", ChartFiles.Read(file), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void A_static_rbac_file_is_included_by_a_template(string file)
    {
        var includedBy = ChartFiles.ManifestTemplates.Where(t => ChartFiles.Read(t).Contains($"\"{file}\"", StringComparison.Ordinal));

        Assert.NotEmpty(includedBy);
    }

    [Fact]
    public void The_team_roles_are_the_five_documented_ones_and_only_viewer_requester_and_admin_aggregate()
    {
        var roles = ChartFiles.Objects("rbac/team-roles.yaml");

        Assert.All(roles, r => Assert.Equal("ClusterRole", r["kind"]!.GetValue<string>()));
        Assert.Equal(["hoop-admin", "hoop-approver", "hoop-requester", "hoop-reviewer", "hoop-viewer"], roles.Select(Name).Order(StringComparer.Ordinal));
        Assert.Equal("view", AggregatesTo(roles.Single(r => Name(r) == "hoop-viewer")));
        Assert.Equal("edit", AggregatesTo(roles.Single(r => Name(r) == "hoop-requester")));
        Assert.Equal("admin", AggregatesTo(roles.Single(r => Name(r) == "hoop-admin")));
        Assert.Null(AggregatesTo(roles.Single(r => Name(r) == "hoop-approver")));
        Assert.Null(AggregatesTo(roles.Single(r => Name(r) == "hoop-reviewer")));
    }

    [Fact]
    public void Only_hoop_approver_grants_approve_and_no_team_role_grants_secrets()
    {
        foreach (var role in ChartFiles.Objects("rbac/team-roles.yaml"))
        {
            var rules = role["rules"]!.AsArray().Select(r => r!.AsObject()).ToList();
            Assert.Equal(Name(role) == "hoop-approver", rules.Any(r => Strings(r["verbs"]).Contains("approve")));
            Assert.DoesNotContain(rules, r => Strings(r["resources"]).Contains("secrets") || Strings(r["resources"]).Contains("*"));
        }
    }

    private static string Name(JsonObject obj) => obj["metadata"]!["name"]!.GetValue<string>();

    private static string? AggregatesTo(JsonObject role) =>
        (role["metadata"]!["labels"] as JsonObject)?
            .Where(l => l.Key.StartsWith("rbac.authorization.k8s.io/aggregate-to-", StringComparison.Ordinal) && l.Value!.GetValue<string>() == "true")
            .Select(l => l.Key["rbac.authorization.k8s.io/aggregate-to-".Length..])
            .SingleOrDefault();

    private static List<string> Strings(JsonNode? node) => node is JsonArray array ? [.. array.Select(n => n!.GetValue<string>())] : [];
}
