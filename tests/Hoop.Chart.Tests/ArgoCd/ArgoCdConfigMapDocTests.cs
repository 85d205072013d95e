using Hoop.Api.Serialization;
using Hoop.Testing;

namespace Hoop.Chart.Tests.ArgoCd;

/// <summary>The argocd-cm snippet in docs/argocd.md holds exactly the chart's health check files.</summary>
public sealed class ArgoCdConfigMapDocTests
{
    [Theory]
    [InlineData("Connection")]
    [InlineData("ApprovalPolicy")]
    [InlineData("AccessRequest")]
    public void The_documented_argocd_cm_key_holds_the_charts_lua_file(string kind)
    {
        var doc = File.ReadAllText(RepositoryFiles.PathOf("docs/argocd.md"));
        var start = doc.IndexOf("```yaml\n", StringComparison.Ordinal) + "```yaml\n".Length;
        var snippet = doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)];

        var data = YamlDocuments.ParseSingleObject(snippet)["data"]!;

        Assert.Equal(LuaHealthCheck.Script(kind), data[$"resource.customizations.health.hoop.dev_{kind}"]?.GetValue<string>());
    }
}
