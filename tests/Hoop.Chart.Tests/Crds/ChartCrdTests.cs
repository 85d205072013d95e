using Hoop.Testing;

namespace Hoop.Chart.Tests.Crds;

/// <summary>The chart ships the CRDs `make manifests` generates, unchanged.</summary>
public sealed class ChartCrdTests
{
    private static string[] Names(string directory) =>
        [.. Directory.GetFiles(directory, "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    [Fact]
    public void The_chart_holds_a_copy_of_each_generated_crd_and_nothing_else()
    {
        Assert.Equal(Names(RepositoryFiles.PathOf("crds")), Names(ChartFiles.PathOf("crds")));
    }

    [Fact]
    public void Each_chart_crd_equals_the_generated_one_byte_for_byte()
    {
        foreach (var name in Names(RepositoryFiles.PathOf("crds")))
        {
            var generated = File.ReadAllBytes(RepositoryFiles.PathOf(Path.Combine("crds", name)));
            var shipped = File.ReadAllBytes(ChartFiles.PathOf(Path.Combine("crds", name)));
            Assert.True(generated.AsSpan().SequenceEqual(shipped), $"charts/hoop/crds/{name} differs from crds/{name}: run `make manifests`, which copies them");
        }
    }
}
