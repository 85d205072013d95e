using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Hoop.Recording.Chain;
using Hoop.Recording.Records;

namespace Hoop.Recording.Writing;

/// <summary>
/// Writes one session's hash-chained replay log. Calls may come from several tasks; writes are serialised. Every
/// free-text field passes through the mask given at start before it is written, even though callers mask too.
/// </summary>
public sealed class SessionRecorder : IAsyncDisposable
{
    // Relaxed escaping keeps SQL quotes and non-ASCII text readable in the file; control characters are still escaped.
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Never disposed: an idle-checkpoint callback may still be leaving it, and it holds no OS handle.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ArrayBufferWriter<byte> _line = new(1024);
    private readonly Utf8JsonWriter _json;
    private readonly SessionRecorderOptions _options;
    private readonly Func<string, string> _mask;
    private readonly TimeProvider _time;
    private readonly string _sessionId;
    private readonly string _openPath;
    private readonly string _closedPath;
    private readonly ReplayLogFile _file;
    private readonly ITimer _idleCheckpoints;
    private long _seq;
    private string _prev = ChainHash.Genesis;
    private int _sinceCheckpoint;
    private long _lastCheckpoint;
    private int _statements;
    private bool _ended;
    private bool _failed;

    private SessionRecorder(SessionRecorderOptions options, string sessionId, Func<string, string> mask, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CheckpointEveryRecords, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.CheckpointInterval, TimeSpan.Zero, nameof(options));
        _options = options;
        _sessionId = sessionId;
        _mask = mask;
        _time = time;
        _openPath = ReplayLogFiles.OpenPath(options.Directory, sessionId);
        _closedPath = ReplayLogFiles.ClosedPath(options.Directory, sessionId);
        if (File.Exists(_closedPath))
        {
            throw new IOException($"A replay log for session '{sessionId}' already exists at {_closedPath}; session ids must be unique.");
        }

        _file = ReplayLogFile.CreateNew(_openPath);
        _json = new Utf8JsonWriter(_line, Compact);
        _lastCheckpoint = time.GetTimestamp();
        // Ticking at a quarter of the interval signs a quiet session's last records at most 1.25 intervals after the last checkpoint.
        var tick = options.CheckpointInterval / 4;
        _idleCheckpoints = time.CreateTimer(static recorder => _ = ((SessionRecorder)recorder!).CheckpointIfIdleAsync(), this, tick, tick);
    }

    /// <summary>The log's file: the <c>.jsonl.open</c> name until the session has ended, then the <c>.jsonl</c> name.</summary>
    public string FilePath => _ended ? _closedPath : _openPath;

    /// <summary>Creates the session's log and writes its <c>session-start</c> record.</summary>
    public static async Task<SessionRecorder> StartAsync(
        SessionRecorderOptions options, SessionStartRecord start, Func<string, string> mask, TimeProvider time, CancellationToken cancellationToken)
    {
        var recorder = new SessionRecorder(options, start.SessionId, mask, time);
        try
        {
            await recorder.AppendAsync(start, cancellationToken).ConfigureAwait(false);
            return recorder;
        }
        catch
        {
            // Without its session-start the log cannot be ended properly; leave it for the verifier to call incomplete.
            recorder._failed = true;
            await recorder.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public Task RecordStatementAsync(StatementRecord statement, CancellationToken cancellationToken) => AppendAsync(statement, cancellationToken);

    public Task RecordApprovalAsync(ApprovalRecord approval, CancellationToken cancellationToken) => AppendAsync(approval, cancellationToken);

    public Task RecordResultAsync(ResultRecord result, CancellationToken cancellationToken) => AppendAsync(result, cancellationToken);

    public Task RecordErrorAsync(ErrorRecord error, CancellationToken cancellationToken) => AppendAsync(error, cancellationToken);

    /// <summary>
    /// Writes a checkpoint now and forces the log to disk; returns the head it signs, which an AccessRequest's
    /// <c>status.execution.recording.sha256</c> pins so the records up to an executed statement can be proven later.
    /// </summary>
    public async Task<string> CheckpointAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfEndedOrFailed();
            var head = _prev;
            await WriteCheckpointAsync(durable: true).ConfigureAwait(false);
            return head;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Writes <c>session-end</c> and the final checkpoint, forces them to disk and renames the log to its closed name.
    /// Ending twice does nothing.
    /// </summary>
    public async Task EndAsync(string reason, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_ended)
            {
                return;
            }

            ThrowIfEndedOrFailed();
            try
            {
                Write(new SessionEndRecord(reason, _statements));
                await WriteCheckpointAsync(durable: true).ConfigureAwait(false);
                await _file.DisposeAsync().ConfigureAwait(false);
                File.Move(_openPath, _closedPath);
            }
            catch
            {
                _failed = true;
                throw;
            }

            _ended = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Ends the session (reason <c>recorder-disposed</c>) if nobody did, so its log is signed and closed.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_ended && !_failed)
            {
                await EndAsync("recorder-disposed", CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            await _idleCheckpoints.DisposeAsync().ConfigureAwait(false);
            await _file.DisposeAsync().ConfigureAwait(false);
            await _json.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task AppendAsync(ReplayRecord record, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfEndedOrFailed();
            Write(record);
            if (record is StatementRecord)
            {
                _statements++;
            }

            if (_sinceCheckpoint >= _options.CheckpointEveryRecords || _time.GetElapsedTime(_lastCheckpoint) >= _options.CheckpointInterval)
            {
                await WriteCheckpointAsync(durable: false).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    // A session that goes quiet still gets its last records signed and on disk within the interval.
    private async Task CheckpointIfIdleAsync()
    {
        // A write in progress checks the interval itself when it finishes.
        if (!_gate.Wait(0))
        {
            return;
        }

        try
        {
            if (!_ended && !_failed && _sinceCheckpoint > 0 && _time.GetElapsedTime(_lastCheckpoint) >= _options.CheckpointInterval)
            {
                await WriteCheckpointAsync(durable: false).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The recorder is now failed; the next record or EndAsync reports it to the session.
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Signs the chain so far and hands it to the operating system; a durable checkpoint returns once it is on disk, the
    /// periodic ones are forced to disk in the background (a session never waits on the disk for a statement).
    /// </summary>
    private async Task WriteCheckpointAsync(bool durable)
    {
        var time = RecordTime.Format(_time.GetUtcNow());
        var key = _options.Key;
        var checkpoint = new CheckpointRecord(_prev, CheckpointSignature.Compute(key, _sessionId, _seq, time, _prev), key.KeyId);
        WriteLine(checkpoint, time);
        try
        {
            if (durable)
            {
                await _file.SyncAsync().ConfigureAwait(false);
            }
            else
            {
                _file.SyncInBackground();
            }
        }
        catch
        {
            _failed = true;
            throw;
        }

        _sinceCheckpoint = 0;
        _lastCheckpoint = _time.GetTimestamp();
    }

    private void Write(ReplayRecord record)
    {
        var masked = record.Masked(_mask);
        WriteLine(masked, RecordTime.Format(_time.GetUtcNow()));
        _sinceCheckpoint++;
    }

    private void WriteLine(ReplayRecord record, string time)
    {
        _line.ResetWrittenCount();
        _json.Reset(_line);
        _json.WriteStartObject();
        _json.WriteNumber("seq", _seq);
        _json.WriteString("prev", _prev);
        _json.WriteString("time", time);
        _json.WriteString("type", record.Type);
        record.WriteFields(_json);
        _json.WriteEndObject();
        _json.Flush();

        var head = ChainHash.Of(_line.WrittenSpan);
        try
        {
            _file.AppendLine(_line.WrittenSpan);
        }
        catch
        {
            _failed = true;
            throw;
        }

        _prev = head;
        _seq++;
    }

    private void ThrowIfEndedOrFailed()
    {
        if (_ended)
        {
            throw new InvalidOperationException($"The session '{_sessionId}' has ended; its replay log takes no more records.");
        }

        if (_failed)
        {
            throw new InvalidOperationException(
                $"Writing the replay log of session '{_sessionId}' failed earlier; the session cannot be recorded and must end.");
        }
    }
}
