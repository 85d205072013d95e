using Hoop.Testing.Kubernetes;

namespace Hoop.Chart.Tests.Rbac;

/// <summary>
/// The chart's static manifests (CRDs and RBAC roles) applied with the real kubectl to a LocalKube, and answers to
/// <c>kubectl auth can-i</c> asked as the <see cref="TestUsers"/>. Each scenario binds in a namespace of its own.
/// </summary>
internal sealed class ChartOnLocalKube(LocalKubeFixture fixture) : IDisposable
{
    private readonly Kubectl _kubectl = new(fixture.KubeconfigFor(TestUsers.Admin));

    public Kubectl Admin => _kubectl;

    /// <summary>Applies the chart's CRDs and every static RBAC file, as an administrator would before the operator starts.</summary>
    public async Task<KubectlResult> ApplyStaticManifestsAsync()
    {
        string[] files = ["-f", ChartFiles.PathOf("crds"), .. ChartFiles.StaticRbac.SelectMany(f => new[] { "-f", ChartFiles.PathOf(f) })];
        return await _kubectl.RunAsync(["apply", .. files], null, TestContext.Current.CancellationToken);
    }

    public async Task<string> NamespaceAsync()
    {
        var ns = $"chart-{Guid.NewGuid().ToString("N")[..10]}";
        (await _kubectl.RunAsync("create", "namespace", ns)).Succeeded();
        return ns;
    }

    public async Task ApplyAsync(string yaml) =>
        (await _kubectl.RunAsync(["apply", "-f", "-"], yaml, TestContext.Current.CancellationToken)).Succeeded();

    /// <summary>A RoleBinding in <paramref name="ns"/> of <paramref name="roleKind"/>/<paramref name="role"/> to the user.</summary>
    public Task BindAsync(string ns, string user, string role, string roleKind = "ClusterRole") => ApplyAsync($$"""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: {{user}}-{{role}}, namespace: {{ns}}}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: {{roleKind}}, name: {{role}}}
        subjects:
        - {apiGroup: rbac.authorization.k8s.io, kind: User, name: {{user}}}
        """);

    /// <summary>True when kubectl answers "yes" to <c>auth can-i</c> asked as <paramref name="user"/>; fails on anything but yes/no.</summary>
    public async Task<bool> CanAsync(string user, string ns, params string[] question)
    {
        var result = await _kubectl.RunAsync(["--token", TestUsers.TokenOf(user), "auth", "can-i", .. question, "-n", ns], null, TestContext.Current.CancellationToken);
        return (result.Output.Trim(), result.ExitCode) switch
        {
            ("yes", 0) => true,
            ("no", 1) => false,
            _ => throw new InvalidOperationException($"kubectl auth can-i {string.Join(' ', question)} exited {result.ExitCode}: {result.Output}{result.Error}"),
        };
    }

    public void Dispose() => _kubectl.Dispose();
}
