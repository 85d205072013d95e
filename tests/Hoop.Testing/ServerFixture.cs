using Hoop.Testing.Processes;

namespace Hoop.Testing;

/// <summary>
/// An xunit fixture owning one throwaway real server. When the server's binaries are missing, tests that touch
/// <see cref="Server"/> are skipped with a message naming the Debian package, except under CI, where the fixture fails.
/// </summary>
public abstract class ServerFixture<TServer> : IAsyncLifetime
    where TServer : class, IAsyncDisposable
{
    private TServer? _server;
    private string? _missing;

    /// <summary>Why the server is not running (its binaries are missing, naming the package); null once it runs.</summary>
    public string? MissingReason => _missing;

    /// <summary>The running server; skips the calling test when its binaries are not installed.</summary>
    public TServer Server
    {
        get
        {
            if (_server is null)
            {
                TestEnvironment.SkipUnlessCI(_missing ?? "the server fixture was not initialized");
            }

            return _server!;
        }
    }

    public async ValueTask InitializeAsync()
    {
        _missing = MissingPrerequisite();
        if (_missing is null)
        {
            _server = await StartAsync(TestContext.Current.CancellationToken).ConfigureAwait(false);
        }
        else if (TestEnvironment.IsCI)
        {
            throw new InvalidOperationException($"{_missing} (CI=true: a missing real server is a failure, not a skip)");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Why the server cannot run on this machine, naming the package to install; null when it can.</summary>
    protected abstract string? MissingPrerequisite();

    protected abstract Task<TServer> StartAsync(CancellationToken cancellationToken);
}
