using Hoop.LocalKube.Hosting;

namespace Hoop.Testing.Kubernetes;

/// <summary>
/// One in-process LocalKube per test class, with the <see cref="TestUsers"/> tokens and a kubeconfig file per user.
/// LocalKube stands in for a cluster because none can be had here; real-cluster variants use HOOP_TEST_KUBECONFIG.
/// </summary>
public sealed class LocalKubeFixture : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hoop-test-localkube-").FullName;
    private Hoop.LocalKube.Hosting.LocalKube? _server;

    public Hoop.LocalKube.Hosting.LocalKube Server => _server ?? throw new InvalidOperationException("the fixture is not initialized");

    /// <summary>A kubeconfig file whose current context acts as <paramref name="user"/>.</summary>
    public string KubeconfigFor(string user = TestUsers.Admin)
    {
        var path = Path.Combine(_directory, $"kubeconfig-{user}");
        if (!File.Exists(path))
        {
            File.WriteAllText(path, Server.Kubeconfig(user));
        }

        return path;
    }

    public async ValueTask InitializeAsync()
    {
        _server = await Hoop.LocalKube.Hosting.LocalKube.StartAsync(new LocalKubeOptions { TokensCsv = TestUsers.TokensCsv }).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }

        Directory.Delete(_directory, recursive: true);
    }
}
