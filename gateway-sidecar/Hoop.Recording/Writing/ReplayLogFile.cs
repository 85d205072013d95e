using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace Hoop.Recording.Writing;

/// <summary>
/// A replay log's file, append only. Lines collect in memory and reach the operating system in 64 KiB runs or when
/// the writer syncs; forcing them to disk (fsync) runs off the caller's thread, so a session waits on the disk only
/// where it asks to (<see cref="SyncAsync"/>: an explicit checkpoint, the session's end), never for a statement.
/// Not thread-safe: one writer appends and syncs; only the fsyncs run elsewhere.
/// </summary>
internal sealed class ReplayLogFile : IAsyncDisposable
{
    private const int WriteThreshold = 64 * 1024;
    private static readonly byte[] Newline = "\n"u8.ToArray();

    private readonly SafeFileHandle _handle;
    private readonly ArrayBufferWriter<byte> _pending = new(WriteThreshold + 4096);
    private long _length;
    private int _unsynced;
    private Task _syncing = Task.CompletedTask;
    private Exception? _syncFailure;

    private ReplayLogFile(SafeFileHandle handle) => _handle = handle;

    /// <summary>Creates the file; never over an existing one, and no other writer may open it.</summary>
    public static ReplayLogFile CreateNew(string path) =>
        new(File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read));

    /// <summary>Appends one line (a newline follows it).</summary>
    public void AppendLine(ReadOnlySpan<byte> line)
    {
        ThrowIfSyncFailed();
        _pending.Write(line);
        _pending.Write(Newline);
        if (_pending.WrittenCount >= WriteThreshold)
        {
            WritePending();
        }
    }

    /// <summary>Hands the pending lines to the operating system and has them forced to disk in the background.</summary>
    public void SyncInBackground()
    {
        WritePending();
        Volatile.Write(ref _unsynced, 1);
        _syncing = _syncing.IsCompleted
            ? Task.Run(SyncWhileUnsynced)
            : _syncing.ContinueWith(static (_, file) => ((ReplayLogFile)file!).SyncWhileUnsynced(), this, CancellationToken.None,
                TaskContinuationOptions.None, TaskScheduler.Default);
    }

    /// <summary>Hands the pending lines to the operating system and returns once they are on disk.</summary>
    public async Task SyncAsync()
    {
        SyncInBackground();
        await _syncing.ConfigureAwait(false);
        ThrowIfSyncFailed();
    }

    /// <summary>Waits for a background sync still running, then closes the file. Lines not synced are not written.</summary>
    public async ValueTask DisposeAsync()
    {
        await _syncing.ConfigureAwait(false);
        _handle.Dispose();
    }

    private void WritePending()
    {
        if (_pending.WrittenCount == 0)
        {
            return;
        }

        RandomAccess.Write(_handle, _pending.WrittenSpan, _length);
        _length += _pending.WrittenCount;
        _pending.ResetWrittenCount();
    }

    // Every fsync starts after the write it must cover was handed over, so nothing a sync was asked for is left out.
    private void SyncWhileUnsynced()
    {
        try
        {
            while (Interlocked.Exchange(ref _unsynced, 0) == 1)
            {
                RandomAccess.FlushToDisk(_handle);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or UnauthorizedAccessException)
        {
            Volatile.Write(ref _syncFailure, e);
        }
    }

    private void ThrowIfSyncFailed()
    {
        if (Volatile.Read(ref _syncFailure) is { } failure)
        {
            throw new IOException("Forcing the replay log to disk failed; the session cannot be recorded safely.", failure);
        }
    }
}
