using System.Text.Json.Nodes;
using Hoop.Api.Serialization;
using Hoop.Testing;

namespace Hoop.Manifests.Tests;

public sealed class SampleTests
{
    public static TheoryData<string> Samples =>
        new(Directory.GetFiles(RepositoryFiles.PathOf("samples"), "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Samples))]
    public void Each_sample_is_one_object_named_after_its_kind_and_name(string file)
    {
        var sample = Load(file);
        var apiVersion = sample["apiVersion"]!.GetValue<string>();
        var kind = sample["kind"]!.GetValue<string>().ToLowerInvariant();
        var name = sample["metadata"]!["name"]!.GetValue<string>();
        Assert.Equal($"{apiVersion.Replace('/', '_')}_{kind}_{name}.yaml", file);
        Assert.Equal("payments", sample["metadata"]!["namespace"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Each_hoop_sample_validates_against_its_crd(string file)
    {
        var sample = Load(file);
        if (sample["apiVersion"]!.GetValue<string>() != "hoop.dev/v1alpha1")
        {
            Assert.Equal("Secret", sample["kind"]!.GetValue<string>());
            return;
        }

        var errors = Validators.For(sample["kind"]!.GetValue<string>()).Validate(sample);
        Assert.True(errors.Count == 0, $"{file}:\n{string.Join('\n', errors)}");
    }

    [Fact]
    public void The_scenario_is_complete_a_connection_of_each_type_with_its_secret()
    {
        var objects = Directory.GetFiles(RepositoryFiles.PathOf("samples"), "*.yaml").Select(f => Load(Path.GetFileName(f))).ToList();
        var secrets = objects.Where(o => Kind(o) == "Secret").Select(Name).ToHashSet();
        var connections = objects.Where(o => Kind(o) == "Connection").ToList();

        Assert.Equal(["http", "kubernetes", "mysql", "postgres", "ssh"], connections.Select(c => c["spec"]!["type"]!.GetValue<string>()).Order());
        foreach (var connection in connections)
        {
            Assert.Contains(connection["spec"]!["credentialsSecretRef"]!["name"]!.GetValue<string>(), secrets);
        }

        var postgres = connections.Single(c => c["spec"]!["type"]!.GetValue<string>() == "postgres");
        var columns = postgres["spec"]!["masking"]!["columns"]!.AsArray().Select(c => c!["pattern"]!.GetValue<string>());
        Assert.Equal(["*.ssn", "email"], columns.Order());
        Assert.Contains(postgres["spec"]!["masking"]!["detectors"]!.AsArray(), d => d!["type"]!.GetValue<string>() == "creditCard");

        var requests = objects.Where(o => Kind(o) == "AccessRequest").ToList();
        Assert.Contains(requests, r => r["spec"]!["execution"]!.GetValue<string>() == "Gateway" && r["spec"]!["ticket"] is not null && r["spec"]!["operation"]!["sql"] is not null);
        Assert.Contains(requests, r => r["spec"]!["operation"]!["session"]?["duration"]?.GetValue<string>() == "1h");
    }

    [Fact]
    public void The_production_policy_says_what_the_scenario_promises()
    {
        var policy = Load("hoop.dev_v1alpha1_approvalpolicy_production.yaml")["spec"]!;
        var rules = policy["rules"]!.AsArray().Select(r => r!.AsObject()).ToList();
        JsonObject RuleFor(string kind) => rules.First(r => r["match"]!["sql"]?["kinds"]?.AsArray().Any(k => k!.GetValue<string>() == kind) == true);

        var ddl = RuleFor("ddl");
        Assert.Equal("RequireApproval", ddl["action"]!.GetValue<string>());
        Assert.Equal(2, ddl["approvals"]!["required"]!.GetValue<long>());
        Assert.Equal(["dba-leads"], ddl["approvals"]!["fromGroups"]!.AsArray().Select(g => g!.GetValue<string>()));
        Assert.Equal("Allow", RuleFor("read")["action"]!.GetValue<string>());
        Assert.Equal(1, RuleFor("write")["approvals"]!["required"]!.GetValue<long>());

        var dropDatabase = rules.Single(r => r["action"]!.GetValue<string>() == "Deny" && r["match"]!["sql"] is not null);
        Assert.True(rules.IndexOf(dropDatabase) < rules.IndexOf(ddl), "DROP DATABASE is denied before the DDL rule could hold it for approval");
        Assert.Equal(["sre-oncall"], policy["breakGlass"]!["groups"]!.AsArray().Select(g => g!.GetValue<string>()));
    }

    private static JsonObject Load(string file) => YamlDocuments.ParseSingleObject(File.ReadAllText(RepositoryFiles.PathOf($"samples/{file}")));

    private static string Kind(JsonObject o) => o["kind"]!.GetValue<string>();

    private static string Name(JsonObject o) => o["metadata"]!["name"]!.GetValue<string>();
}
