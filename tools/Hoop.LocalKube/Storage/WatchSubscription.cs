using System.Threading.Channels;

namespace Hoop.LocalKube.Storage;

/// <summary>A live feed of one resource's changes, in commit order. Dispose to stop it.</summary>
internal sealed class WatchSubscription(string storageKey, Channel<WatchEvent> channel, ObjectStore store, long startedAt) : IDisposable
{
    public string StorageKey { get; } = storageKey;

    /// <summary>The store's resourceVersion when the subscription started.</summary>
    public long StartedAt { get; } = startedAt;

    public ChannelReader<WatchEvent> Reader => channel.Reader;

    internal ChannelWriter<WatchEvent> Writer => channel.Writer;

    public void Dispose()
    {
        store.Unsubscribe(this);
        channel.Writer.TryComplete();
    }
}
