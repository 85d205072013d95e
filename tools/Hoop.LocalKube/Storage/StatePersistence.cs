using System.Text.Json.Nodes;

namespace Hoop.LocalKube.Storage;

/// <summary>
/// Keeps the store in <c>DIR/state.json</c> so a restarted server (<c>make run</c>) finds its objects again: loads it
/// at start, and writes it (to a temporary file, then renamed over) whenever the resourceVersion moved.
/// </summary>
internal sealed class StatePersistence(ObjectStore store, string directory) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private long _saved = -1;

    private string StateFile => Path.Combine(directory, "state.json");

    /// <summary>Loads saved state, if any; returns the signing key for ServiceAccount tokens, kept alongside.</summary>
    public byte[] Load(Func<byte[]> newKey)
    {
        Directory.CreateDirectory(directory);
        var keyFile = Path.Combine(directory, "serviceaccount-signing.key");
        if (!File.Exists(keyFile))
        {
            File.WriteAllBytes(keyFile, newKey());
            File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        if (File.Exists(StateFile))
        {
            store.Import(JsonNode.Parse(File.ReadAllText(StateFile))!.AsObject());
            _saved = store.CurrentResourceVersion;
        }

        return File.ReadAllBytes(keyFile);
    }

    public void Start() => _loop = Task.Run(async () =>
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                Save();
            }
        }
        catch (OperationCanceledException)
        {
        }
    });

    public void Save()
    {
        var version = store.CurrentResourceVersion;
        if (version == _saved)
        {
            return;
        }

        var temporary = StateFile + ".tmp";
        File.WriteAllText(temporary, store.Export().ToJsonString());
        File.Move(temporary, StateFile, overwrite: true);
        _saved = version;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        Save();
        _stop.Dispose();
    }
}
