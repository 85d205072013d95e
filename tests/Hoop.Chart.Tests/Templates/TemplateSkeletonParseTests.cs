using System.Text.Json.Nodes;

namespace Hoop.Chart.Tests.Templates;

/// <summary>Every manifest template, with its actions stripped (<see cref="TemplateSkeleton"/>), is well-formed YAML of objects.</summary>
public sealed class TemplateSkeletonParseTests
{
    public static TheoryData<string> Templates => new(ChartFiles.ManifestTemplates);

    [Theory]
    [MemberData(nameof(Templates))]
    public void The_yaml_written_in_each_template_parses_into_named_objects(string template)
    {
        foreach (var obj in TemplateSkeleton.Objects(ChartFiles.Read(template)))
        {
            Assert.False(string.IsNullOrEmpty(obj["apiVersion"]?.GetValue<string>()), $"{template}: an object without apiVersion");
            Assert.False(string.IsNullOrEmpty(obj["kind"]?.GetValue<string>()), $"{template}: an object without kind");
            Assert.False(string.IsNullOrEmpty(obj["metadata"]?["name"]?.GetValue<string>()), $"{template}: a {obj["kind"]} without metadata.name");
        }
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Each_object_written_in_a_template_carries_an_argo_cd_sync_wave(string template)
    {
        foreach (var obj in TemplateSkeleton.Objects(ChartFiles.Read(template)))
        {
            Assert.True(obj["metadata"]?["annotations"] is JsonObject annotations && annotations.ContainsKey("argocd.argoproj.io/sync-wave"),
                $"{template}: {obj["kind"]} {obj["metadata"]?["name"]} has no argocd.argoproj.io/sync-wave annotation");
        }
    }

    [Fact]
    public void Every_template_but_the_included_ones_writes_at_least_one_object_literally()
    {
        // These only include files (static RBAC, the CRDs) through helpers, so their skeleton is empty by design.
        string[] includesOnly = ["templates/crds.yaml", "templates/team-rbac.yaml"];
        foreach (var template in ChartFiles.ManifestTemplates.Except(includesOnly))
        {
            Assert.NotEmpty(TemplateSkeleton.Objects(ChartFiles.Read(template)));
        }
    }
}
