using System.Collections.Concurrent;
using System.Diagnostics;
using Hoop.Api.V1Alpha1;
using Hoop.Gateway.Postgres.Masking;
using Hoop.Gateway.Postgres.Protocol;
using Hoop.Policy.Masking;
using Hoop.Recording.Records;

namespace Hoop.Gateway.Postgres.Sessions;

internal sealed partial class PostgresSession
{
    private SyncTracker? _answering;
    private PgResultSetMasker? _rows;
    private PgNoticeMasker? _notices;
    private string? _describing;
    private bool _describingStatement;

    /// <summary>The RowDescription of each prepared statement as the server described it, for rows of later executions that come without one.</summary>
    /// <summary>A statement parsed again or closed loses its description (the client pump removes it before forwarding), so rows are never read with stale columns.</summary>
    private readonly ConcurrentDictionary<string, byte[]> _descriptions = new(StringComparer.Ordinal);

    /// <summary>
    /// Relays the server's messages to the client: rows masked, errors and notices masked, results counted for the
    /// recording. Writes go out in runs: the client is flushed only when the server has nothing more buffered.
    /// </summary>
    private async Task PumpServerAsync(CancellationToken cancellationToken)
    {
        var reader = _backend!.Messages;
        PgMessage? held = null;
        while (true)
        {
            PgMessage message;
            if (held is { } next)
            {
                message = next;
                held = null;
            }
            else if (!reader.TryRead(out message))
            {
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) is not { } read)
                {
                    return;
                }

                message = read;
            }

            await NameColumnsAsync(message, cancellationToken).ConfigureAwait(false);
            await _clientWrite.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                while (true)
                {
                    Relay(message);
                    if (message.Type == BackendMessageType.ReadyForQuery)
                    {
                        // Answered units are completed outside the write lock: a completion may write to the API server.
                        break;
                    }

                    if (!reader.TryRead(out message))
                    {
                        break;
                    }

                    if (NeedsColumnNames(message))
                    {
                        held = message; // named before it is relayed, outside the write lock
                        break;
                    }
                }

                await _clientOutput.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _clientWrite.Release();
            }

            if (message.Type == BackendMessageType.ReadyForQuery)
            {
                await AnsweredAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One server message: counted against the unit it answers, then written to the client unless that unit is silent.</summary>
    private void Relay(PgMessage message)
    {
        var current = _syncs.Current;
        var silent = current?.Silent == true;
        var masking = _snapshot!.Masking;
        switch (message.Type)
        {
            case BackendMessageType.ParameterDescription:
                // A statement Describe's first answer; its RowDescription or NoData follows.
                _describing = current?.Described.TryDequeue(out var described) == true ? described.Statement : null;
                _describingStatement = true;
                break;

            case BackendMessageType.NoData:
                if (Describing(current) is { } noColumns)
                {
                    _descriptions.TryRemove(noColumns, out _);
                }

                break;

            case BackendMessageType.RowDescription:
                if (Describing(current) is { } statement)
                {
                    _descriptions[statement] = System.Buffers.BuffersExtensions.ToArray(message.Body);
                }

                if (masking.IsEnabled)
                {
                    _rows?.Dispose();
                    _rows = PgResultSetMasker.Create(masking, RowDescriptionMessage.Parse(message.Body), field => Source(field, current), current?.ResultFormats);
                }

                break;

            case BackendMessageType.PortalSuspended or BackendMessageType.EmptyQueryResponse:
                current?.Executed.TryDequeue(out _);
                EndResultSet();
                break;

            case BackendMessageType.DataRow:
                current?.Row();
                if (masking.IsEnabled && !silent)
                {
                    WriteMaskedRow(message, masking, current);
                    return;
                }

                break;

            case BackendMessageType.CommandComplete:
                current?.Tag(CommandCompleteMessage.Parse(message.Body).Tag);
                current?.Executed.TryDequeue(out _);
                EndResultSet();
                break;

            case BackendMessageType.ErrorResponse or BackendMessageType.NoticeResponse:
                var notice = PgNotice.Parse(message.Body);
                if (message.Type == BackendMessageType.ErrorResponse)
                {
                    // Recorded as the client sees it: for a statement naming a masked column, quoted values redacted.
                    current?.Failed(notice.SqlState, current.Inherited is null ? notice.Message : QuotedValues.Redact(notice.Message));
                    current?.Executed.Clear();
                    current?.Described.Clear();
                    _describing = null;
                    _describingStatement = false;
                    EndResultSet();
                }

                _notices ??= new PgNoticeMasker(masking);
                var namesMasked = current?.Inherited is not null;
                if (!silent && (namesMasked || !_notices.PassesThrough))
                {
                    _notices.WriteMasked(message.Body, message.Type, _clientOutput, redactQuoted: namesMasked);
                    return;
                }

                break;

            case BackendMessageType.ReadyForQuery:
                _transaction = ReadyForQueryMessage.Parse(message.Body).Status;
                if (_transaction == TransactionStatus.Idle)
                {
                    _prepared.TransactionEnded();
                }

                _answering = _syncs.Answered();
                EndResultSet();
                break;
        }

        if (!silent)
        {
            message.WriteTo(_clientOutput);
        }
    }

    /// <summary>
    /// A row, masked by the plan of its result set. A row with no RowDescription in its exchange (a statement the client
    /// described earlier and cached) cannot be planned: every value is withheld rather than risk sending one in clear.
    /// </summary>
    private void WriteMaskedRow(PgMessage message, Policy.Masking.MaskingEngine masking, SyncTracker? current)
    {
        if (_rows is null && current?.Executed.TryPeek(out var statement) == true && statement is not null
            && _descriptions.TryGetValue(statement, out var description))
        {
            // An execution of a statement described earlier: its rows have the columns the server described then.
            _rows = PgResultSetMasker.Create(masking, RowDescriptionMessage.Parse(new System.Buffers.ReadOnlySequence<byte>(description)), field => Source(field, current), current.ResultFormats);
        }

        if (_rows is null)
        {
            var columns = DataRowMessage.Parse(message.Body).Columns.Count;
            var withheld = new PgValue[columns];
            Array.Fill(withheld, PgValue.Null);
            BackendMessageWriter.DataRow(_clientOutput, withheld);
            return;
        }

        if (_rows.PassesThrough)
        {
            message.WriteTo(_clientOutput);
            return;
        }

        _rows.WriteMasked(message.Body, _clientOutput);
    }

    /// <summary>
    /// The prepared statement a RowDescription or NoData describes: the one whose ParameterDescription came just before, else
    /// the portal Describe next in line; null for a simple query's RowDescription.
    /// </summary>
    private string? Describing(SyncTracker? current)
    {
        if (_describingStatement)
        {
            _describingStatement = false;
            var statement = _describing;
            _describing = null;
            return statement;
        }

        return current?.Described.TryPeek(out var next) == true && next.Portal && current.Described.TryDequeue(out _) ? next.Statement : null;
    }

    private void EndResultSet()
    {
        _rows?.Dispose();
        _rows = null;
    }

    /// <summary>Whether a RowDescription names tables whose names a column rule needs and the catalog does not hold fresh.</summary>
    private bool NeedsColumnNames(PgMessage message) =>
        message.Type == BackendMessageType.RowDescription && _snapshot?.Masking.HasColumnRules == true
        && !_services.Catalog.Knows(RowDescriptionMessage.Parse(message.Body).Fields);

    /// <summary>Reads the names of a RowDescription's tables and columns before it is relayed; a failed read leaves them unknown (masked).</summary>
    private async Task NameColumnsAsync(PgMessage message, CancellationToken cancellationToken)
    {
        if (!NeedsColumnNames(message))
        {
            return;
        }

        try
        {
            await _services.Catalog.ResolveAsync(RowDescriptionMessage.Parse(message.Body).Fields, _snapshot!, _database, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            _logger.CatalogUnreadable(Id, ConnectionKey, e.Message);
        }
    }

    /// <summary>
    /// Where a result field's values come from: its table and source column by the catalog (so an alias hides nothing), or,
    /// for a computed field, the masking its statement's named masked columns pass on. A field whose table the catalog
    /// could not name is redacted when column rules exist: its source might be masked.
    /// </summary>
    private ResultColumn Source(PgFieldDescription field, SyncTracker? unit)
    {
        if (field.TableOid == 0)
        {
            return new ResultColumn(null, field.Name, null, unit?.Inherited);
        }

        if (_services.Catalog.TryGet(field.TableOid, field.ColumnAttribute, out var table, out var column))
        {
            return new ResultColumn(table, field.Name, column is not null && column != field.Name ? column : null);
        }

        return new ResultColumn(null, field.Name, null, _snapshot!.Masking.HasColumnRules ? MaskingStrategy.Redact : null);
    }

    /// <summary>The server answered a unit: record its result and run its completion (a held statement's status write).</summary>
    private async Task AnsweredAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _answering, null) is not { } answered || answered.Silent)
        {
            return;
        }

        if (answered.StatementId is { } statementId && _recorder is not null)
        {
            if (answered.Error is var (sqlState, message))
            {
                await _recorder.RecordErrorAsync(new ErrorRecord(statementId, sqlState, message), cancellationToken).ConfigureAwait(false);
            }

            await _recorder.RecordResultAsync(
                new ResultRecord(statementId, answered.LastTag, answered.RowsReturned, answered.RowsAffected, Stopwatch.GetElapsedTime(answered.StartedTimestamp)),
                cancellationToken).ConfigureAwait(false);
        }

        if (answered.Completed is { } completed)
        {
            await completed(answered).ConfigureAwait(false);
        }
    }
}
