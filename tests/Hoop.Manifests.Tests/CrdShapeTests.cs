using System.Text.Json.Nodes;
using Hoop.Api;
using Hoop.Manifests.Crds;

namespace Hoop.Manifests.Tests;

public sealed class CrdShapeTests
{
    private static readonly CrdBuilder Builder = CrdBuilder.ForApiAssembly();

    public static TheoryData<string> Kinds => new(CrdBuilder.Kinds.Select(k => k.Kind.Kind));

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Names_short_names_category_scope_and_status_subresource(string kindName)
    {
        var (kind, type) = CrdBuilder.Kinds.Single(k => k.Kind.Kind == kindName);
        var crd = Builder.Build(kind, type);

        Assert.Equal(kind.CrdName, crd["metadata"]!["name"]!.GetValue<string>());
        var names = crd["spec"]!["names"]!;
        Assert.Equal(kind.ShortName, names["shortNames"]![0]!.GetValue<string>());
        Assert.Equal("hoop", names["categories"]![0]!.GetValue<string>());
        Assert.Equal(kind.Kind + "List", names["listKind"]!.GetValue<string>());
        Assert.Equal("Namespaced", crd["spec"]!["scope"]!.GetValue<string>());
        var version = crd["spec"]!["versions"]![0]!;
        Assert.Equal(HoopApiGroup.Version, version["name"]!.GetValue<string>());
        Assert.NotNull(version["subresources"]!["status"]);
    }

    [Theory]
    [InlineData("AccessRequest", "PHASE,CONNECTION,REQUESTER,APPROVALS,AGE")]
    [InlineData("Connection", "TYPE,TARGET,READY,AGE")]
    [InlineData("ApprovalPolicy", "RULES,CONNECTIONS,AGE")]
    public void Default_printer_columns_are_the_ones_users_expect(string kindName, string columns)
    {
        var (kind, type) = CrdBuilder.Kinds.Single(k => k.Kind.Kind == kindName);
        var printed = Builder.Build(kind, type)["spec"]!["versions"]![0]!["additionalPrinterColumns"]!.AsArray()
            .Where(c => c!["priority"] is null)
            .Select(c => c!["name"]!.GetValue<string>());
        Assert.Equal(columns, string.Join(',', printed));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_schema_is_structural_every_node_has_a_type(string kindName)
    {
        var (kind, type) = CrdBuilder.Kinds.Single(k => k.Kind.Kind == kindName);
        var root = Builder.Build(kind, type)["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!.AsObject();
        var untyped = new List<string>();
        Walk(root, kindName, untyped);
        Assert.Empty(untyped);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_field_has_a_description(string kindName)
    {
        var (kind, type) = CrdBuilder.Kinds.Single(k => k.Kind.Kind == kindName);
        var spec = Builder.Build(kind, type)["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!["properties"]!.AsObject();
        var missing = new List<string>();
        foreach (var part in new[] { "spec", "status" })
        {
            Describe(spec[part]!.AsObject(), part, missing);
        }

        Assert.Empty(missing);
    }

    [Fact]
    public void Every_cel_rule_compiles()
    {
        var rules = Validators.All.SelectMany(v => v.Rules().Select(r => (v, r.Path, r.Rule))).ToList();
        Assert.True(rules.Count >= 15, $"only {rules.Count} rules found");
        foreach (var (validator, path, rule) in rules)
        {
            var error = Record.Exception(() => validator.Compile(rule));
            Assert.True(error is null, $"{validator.Kind} {path}: `{rule}` does not compile: {error?.Message}");
        }
    }

    [Fact]
    public void The_access_request_spec_is_immutable_and_reviews_are_append_only_in_the_schema()
    {
        var rules = Validators.For("AccessRequest").Rules().ToList();
        Assert.Contains(("spec", "self == oldSelf"), rules);
        Assert.Contains(rules, r => r.Path == "status.reviews" && r.Rule.Contains("oldSelf", StringComparison.Ordinal));
    }

    private static void Walk(JsonObject schema, string path, List<string> untyped)
    {
        if (schema["type"] is null && schema["x-kubernetes-int-or-string"] is null)
        {
            untyped.Add(path);
        }

        foreach (var (name, child) in schema["properties"]?.AsObject() ?? [])
        {
            Walk(child!.AsObject(), $"{path}.{name}", untyped);
        }

        if (schema["items"] is JsonObject items)
        {
            Walk(items, path + "[]", untyped);
        }

        if (schema["additionalProperties"] is JsonObject values)
        {
            Walk(values, path + "{}", untyped);
        }
    }

    private static void Describe(JsonObject schema, string path, List<string> missing)
    {
        foreach (var (name, child) in schema["properties"]?.AsObject() ?? [])
        {
            if (child!["description"] is null)
            {
                missing.Add($"{path}.{name}");
            }

            Describe(child.AsObject(), $"{path}.{name}", missing);
            if (child["items"] is JsonObject items)
            {
                Describe(items, $"{path}.{name}[]", missing);
            }
        }
    }
}
