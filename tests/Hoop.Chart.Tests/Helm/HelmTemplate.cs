using System.Text.Json.Nodes;
using Hoop.Api.Serialization;
using Hoop.Testing.Processes;

namespace Hoop.Chart.Tests.Helm;

/// <summary>
/// Renders the chart with the real <c>helm template</c> when helm is on PATH. Helm is not among the packages the
/// machines here can install, so its absence skips these tests even under CI; the skeleton, schema and LocalKube tests
/// cover what can be checked without it.
/// </summary>
internal static class HelmTemplate
{
    public static string? Binary { get; } = TestEnvironment.FindExecutable("helm", "/usr/local/bin/helm", "/usr/bin/helm");

    public static async Task<IReadOnlyList<JsonObject>> RenderAsync(string kubeVersion, params string[] sets)
    {
        if (Binary is null)
        {
            Assert.Skip("helm is not on PATH (it cannot be installed here); the chart is rendered only where helm is available");
        }

        string[] arguments = ["template", "hoop", ChartFiles.Root, "--namespace", "hoop-system", "--kube-version", kubeVersion, .. sets.SelectMany(s => new[] { "--set", s })];
        var result = await OneShotCommand.ExecuteAsync(Binary, arguments, null, null, TestContext.Current.CancellationToken);
        Assert.True(result.ExitCode == 0, $"helm template failed ({result.ExitCode}): {result.Error}");
        return [.. YamlDocuments.Parse(result.Output).OfType<JsonObject>()];
    }
}
