using Hoop.Testing;
using Hoop.Testing.Kubernetes;

namespace Hoop.Operator.Tests.Scenarios;

/// <summary>What every operator scenario starts from, applied with the real kubectl, and how it waits for the operator.</summary>
internal static class ScenarioCluster
{
    public const string Namespace = "payments";

    /// <summary>The CRDs, namespaces payments and hoop-system, and the given files of <c>samples/</c>.</summary>
    public static async Task PrepareAsync(Kubectl admin, IEnumerable<string> samples, CancellationToken cancellationToken)
    {
        (await admin.RunAsync(["apply", "-f", RepositoryFiles.PathOf("crds")], null, cancellationToken)).Succeeded();
        foreach (var ns in new[] { Namespace, "hoop-system" })
        {
            (await admin.RunAsync(["create", "namespace", ns], null, cancellationToken)).Succeeded();
        }

        foreach (var sample in samples)
        {
            (await admin.RunAsync(["apply", "-f", RepositoryFiles.PathOf("samples/" + sample)], null, cancellationToken)).Succeeded();
        }
    }

    /// <summary>Polls <paramref name="check"/> until it holds; fails the test naming <paramref name="what"/> after <paramref name="within"/>.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> check, TimeSpan within, string what, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await check())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(200, cancellationToken);
        }
    }
}
