using System.Text.Json.Nodes;
using Hoop.Api.Serialization;
using Hoop.Manifests.Crds;
using Hoop.Manifests.Yaml;
using Hoop.Testing;

namespace Hoop.Manifests.Tests;

public sealed class GeneratedManifestsTests
{
    [Fact]
    public void The_committed_crds_are_what_make_manifests_generates()
    {
        var generated = ManifestsCommand.GenerateCrds().ToList();
        Assert.Equal(3, generated.Count);
        foreach (var (fileName, yaml) in generated)
        {
            var committed = File.ReadAllText(RepositoryFiles.PathOf($"crds/{fileName}"));
            Assert.True(committed == yaml, $"crds/{fileName} differs from what `make manifests` generates; run `make manifests` and commit the result");
        }

        var unexpected = Directory.GetFiles(RepositoryFiles.PathOf("crds"), "*.yaml").Select(Path.GetFileName)
            .Except(generated.Select(g => g.FileName));
        Assert.Empty(unexpected);
    }

    [Fact]
    public void The_committed_api_reference_is_what_make_manifests_generates()
    {
        var committed = File.ReadAllText(RepositoryFiles.PathOf("docs/api.md"));
        Assert.True(committed == ManifestsCommand.GenerateApiReference(), "docs/api.md is stale; run `make manifests` and commit the result");
    }

    [Fact]
    public void The_yaml_reads_back_as_exactly_the_generated_tree()
    {
        var builder = CrdBuilder.ForApiAssembly();
        foreach (var (kind, type) in CrdBuilder.Kinds)
        {
            var crd = builder.Build(kind, type);
            var yaml = YamlWriter.Write(crd, ManifestsCommand.Header);
            Assert.True(JsonNode.DeepEquals(crd, YamlDocuments.ParseSingleObject(yaml)), $"{kind.CrdFileName} does not read back as written");
        }
    }

    [Fact]
    public void Strings_that_yaml_would_misread_are_quoted()
    {
        var tricky = new JsonObject
        {
            ["a"] = "true",
            ["b"] = "1h",
            ["c"] = "key: value",
            ["d"] = "# not a comment",
            ["e"] = "trailing ",
            ["f"] = "",
            ["g"] = "line\nbreak",
            ["h"] = "- dash",
            ["i"] = "null",
            ["j"] = "x\"quote",
            ["k"] = "*.ssn",
            ["l"] = "0755",
        };
        Assert.True(JsonNode.DeepEquals(tricky, YamlDocuments.ParseSingleObject(YamlWriter.Write(tricky))));
    }

    [Fact]
    public void Generation_is_deterministic()
    {
        Assert.Equal(ManifestsCommand.GenerateCrds(), ManifestsCommand.GenerateCrds());
    }

    [Fact]
    public void Usage_errors_exit_2_without_writing()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(2, ManifestsCommand.Run(["--crds"], output, error));
        Assert.Contains("usage: hoop-manifests", error.ToString(), StringComparison.Ordinal);
        Assert.Equal("", output.ToString());
    }
}
