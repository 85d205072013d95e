using System.Collections.Concurrent;
using System.Globalization;
using Hoop.Gateway.Hosting;
using Hoop.Gateway.Postgres.Backend;
using Hoop.Gateway.Postgres.Protocol;

namespace Hoop.Gateway.Postgres.Masking;

/// <summary>
/// Names the table and column a result column comes from. A RowDescription identifies them only by the table's OID and
/// the column's attribute number, and an alias (<c>SELECT email AS contact</c>) changes nothing there, so a rule that
/// follows these masks the column under any name. The names come from the target's catalog, read on the gateway's own
/// connection (one per gateway, not per session) and kept for a minute; a name older than that is still used while a
/// fresh one is fetched, and a column never resolved is masked as a rule would (see its callers).
/// </summary>
internal sealed class ColumnCatalog : IAsyncDisposable
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<int, CatalogTable> _tables = new();
    private readonly SemaphoreSlim _lookups = new(1, 1);
    private readonly TimeProvider _time;
    private BackendConnection? _backend;
    private (ConnectionSnapshot Snapshot, string Database)? _backendFor;

    public ColumnCatalog(TimeProvider time) => _time = time;

    /// <summary>The table (<c>schema.table</c>) and column a result column comes from, fresh or not; false when never resolved.</summary>
    public bool TryGet(int tableOid, short attribute, out string table, out string? column)
    {
        if (_tables.TryGetValue(tableOid, out var known))
        {
            table = known.QualifiedName;
            column = known.Columns.GetValueOrDefault(attribute);
            return true;
        }

        table = "";
        column = null;
        return false;
    }

    /// <summary>Whether every table of <paramref name="fields"/> is known and fresh, so no lookup is needed.</summary>
    public bool Knows(PgFieldDescription[] fields)
    {
        var now = _time.GetTimestamp();
        foreach (var field in fields)
        {
            if (field.TableOid != 0 && (!_tables.TryGetValue(field.TableOid, out var known) || _time.GetElapsedTime(known.ReadAt, now) > Freshness))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads the names of the tables of <paramref name="fields"/> not known or no longer fresh. Throws when the catalog cannot be read.</summary>
    public async Task ResolveAsync(PgFieldDescription[] fields, ConnectionSnapshot snapshot, string database, CancellationToken cancellationToken)
    {
        await _lookups.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Knows(fields))
            {
                return; // another session read them meanwhile
            }

            var oids = fields.Where(f => f.TableOid != 0).Select(f => f.TableOid).Distinct().ToArray();
            try
            {
                await ReadAsync(oids, snapshot, database, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or PgProtocolException or BackendLoginException or System.Net.Sockets.SocketException)
            {
                await DropBackendAsync().ConfigureAwait(false);
                throw new IOException($"the gateway could not read the target's catalog to name the result's columns: {e.Message}", e);
            }
        }
        finally
        {
            _lookups.Release();
        }
    }

    public async ValueTask DisposeAsync() => await DropBackendAsync().ConfigureAwait(false);

    private async Task ReadAsync(int[] oids, ConnectionSnapshot snapshot, string database, CancellationToken cancellationToken)
    {
        var backend = await BackendAsync(snapshot, database, cancellationToken).ConfigureAwait(false);
        // OIDs are numbers the gateway formats itself: nothing of the client's reaches this text.
        var list = string.Join(",", oids.Select(o => ((uint)o).ToString(CultureInfo.InvariantCulture)));
        FrontendMessageWriter.Query(backend.Output,
            "SELECT c.oid::int8, n.nspname, c.relname, a.attnum, a.attname FROM pg_catalog.pg_class c " +
            "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace " +
            "LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped " +
            $"WHERE c.oid IN ({list})");
        await backend.Output.FlushAsync(cancellationToken).ConfigureAwait(false);

        var read = new Dictionary<int, (string Name, Dictionary<short, string> Columns)>();
        string? error = null;
        while (await backend.Messages.ReadAsync(cancellationToken).ConfigureAwait(false) is { } message)
        {
            switch (message.Type)
            {
                case BackendMessageType.DataRow:
                    var values = new string?[5];
                    var i = 0;
                    foreach (var value in DataRowMessage.Parse(message.Body).Columns)
                    {
                        if (i < values.Length)
                        {
                            values[i++] = value.AsText();
                        }
                    }

                    var oid = (int)(uint)long.Parse(values[0]!, CultureInfo.InvariantCulture);
                    if (!read.TryGetValue(oid, out var table))
                    {
                        table = read[oid] = (Qualified(values[1]!, values[2]!), []);
                    }

                    if (values[3] is { } attnum && values[4] is { } attname)
                    {
                        table.Columns[short.Parse(attnum, CultureInfo.InvariantCulture)] = attname;
                    }

                    break;

                case BackendMessageType.ErrorResponse:
                    error ??= PgNotice.Parse(message.Body).Message;
                    break;

                case BackendMessageType.ReadyForQuery:
                    if (error is not null)
                    {
                        throw new IOException(error);
                    }

                    var now = _time.GetTimestamp();
                    foreach (var (tableOid, named) in read)
                    {
                        _tables[tableOid] = new CatalogTable(named.Name, named.Columns, now);
                    }

                    return;
            }
        }

        throw new IOException("the target closed the catalog connection");
    }

    private async Task<BackendConnection> BackendAsync(ConnectionSnapshot snapshot, string database, CancellationToken cancellationToken)
    {
        if (_backend is not null && _backendFor is { } current && ReferenceEquals(current.Snapshot.Credential, snapshot.Credential)
            && current.Database == database)
        {
            return _backend;
        }

        await DropBackendAsync().ConfigureAwait(false);
        _backend = await PostgresBackendConnector.ConnectAsync(new BackendLoginRequest(snapshot.TargetEndpoint,
            snapshot.Credential.Username, snapshot.Credential.Password, database,
            new Dictionary<string, string> { ["application_name"] = "hoop-gateway catalog" }), cancellationToken).ConfigureAwait(false);
        _backendFor = (snapshot, database);
        return _backend;
    }

    private async Task DropBackendAsync()
    {
        if (_backend is { } backend)
        {
            _backend = null;
            _backendFor = null;
            await backend.DisposeAsync().ConfigureAwait(false);
        }
    }

    // Rules name tables as the SQL does: a quoted name's characters as they are, the schema before a dot.
    private static string Qualified(string schema, string table) => $"{schema}.{table}";

    private sealed record CatalogTable(string QualifiedName, Dictionary<short, string> Columns, long ReadAt);
}
