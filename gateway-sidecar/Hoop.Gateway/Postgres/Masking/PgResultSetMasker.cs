using System.Buffers;
using Hoop.Gateway.Postgres.Protocol;
using Hoop.Policy.Masking;

namespace Hoop.Gateway.Postgres.Masking;

/// <summary>
/// Masks the DataRows of one result set, planned once from its RowDescription. Create one per RowDescription, use it
/// from the session's read loop only (it is not thread-safe), and dispose it when the result set ends.
/// </summary>
/// <remarks>
/// A value is never sent as received when a rule or detector says otherwise: text is masked, a binary value that cannot
/// carry masked text becomes NULL. NULL stays NULL.
/// </remarks>
internal sealed class PgResultSetMasker : IDisposable
{
    private readonly ResultSetMaskingPlan _plan;
    private readonly ColumnTreatment[] _treatments;

    // Per-row working state, sized once: the values to send, and where each masked value sits in the scratch buffer.
    private readonly PgValue[] _values;
    private readonly (int Start, int Length)[] _masked;
    private readonly PooledByteWriter _scratch = new();

    private PgResultSetMasker(ResultSetMaskingPlan plan, ColumnTreatment[] treatments)
    {
        _plan = plan;
        _treatments = treatments;
        _values = new PgValue[treatments.Length];
        _masked = new (int, int)[treatments.Length];
        PassesThrough = Array.TrueForAll(treatments, t => t == ColumnTreatment.Forward);
    }

    /// <summary>Whether every row can be forwarded untouched, so the session need not call <see cref="WriteMasked"/>.</summary>
    public bool PassesThrough { get; }

    public int ColumnCount => _treatments.Length;

    /// <summary>Rows in which at least one value was masked or withheld.</summary>
    public long RowsMasked { get; private set; }

    /// <summary>Values masked or withheld, over all rows.</summary>
    public long ValuesMasked { get; private set; }

    /// <summary>Binary values sent as NULL because a rule masks their column; included in <see cref="ValuesMasked"/>.</summary>
    public long ValuesWithheld { get; private set; }

    /// <summary>
    /// Plans the masking of the result set <paramref name="description"/> describes. The wire names a column's table only
    /// by OID; <paramref name="tableName"/> resolves it (schema-qualified or not) or returns null when it is not known,
    /// in which case a <c>table.column</c> rule applies on the column name alone, failing closed.
    /// </summary>
    /// <remarks>
    /// A description from a statement Describe, or one a client cached, carries no formats: pass the result format codes
    /// of the Bind that made the portal as <paramref name="resultFormats"/>, as sent (none: all text; one: every column;
    /// else one per column). Leave it null to use the formats in the description (simple query, portal Describe).
    /// </remarks>
    public static PgResultSetMasker Create(
        MaskingEngine engine, RowDescriptionMessage description, Func<uint, string?> tableName, short[]? resultFormats = null)
    {
        ArgumentNullException.ThrowIfNull(tableName);
        return Create(engine, description, field => new ResultColumn(field.TableOid == 0 ? null : tableName((uint)field.TableOid), field.Name), resultFormats);
    }

    /// <summary>
    /// Plans the masking of the result set <paramref name="description"/> describes, with <paramref name="column"/> saying
    /// where each field's values come from (its table and source column, or what a computed field inherits).
    /// </summary>
    public static PgResultSetMasker Create(
        MaskingEngine engine, RowDescriptionMessage description, Func<PgFieldDescription, ResultColumn> column, short[]? resultFormats = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(column);
        var fields = description.Fields;
        if (resultFormats is { Length: > 1 } && resultFormats.Length != fields.Length)
        {
            PgProtocolException.ThrowViolation(
                $"A Bind asked for {resultFormats.Length} result formats for a result of {fields.Length} columns; the connection is closed.");
        }

        var columns = new ResultColumn[fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            columns[i] = column(fields[i]);
        }

        var plan = engine.CreatePlan(columns);
        var treatments = new ColumnTreatment[fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            var format = resultFormats switch
            {
                null => fields[i].Format,
                [] => (short)0,
                [var all] => all,
                _ => resultFormats[i],
            };
            treatments[i] = Treat(fields[i].TypeOid, format, plan.IsMaskedByRule(i), engine.HasDetectors);
        }

        return new PgResultSetMasker(plan, treatments);
    }

    /// <summary>
    /// Writes the DataRow whose body is <paramref name="body"/> as a whole message with its values masked as planned;
    /// a row nothing applies to is written as received.
    /// </summary>
    public void WriteMasked(ReadOnlySequence<byte> body, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var row = DataRowMessage.Parse(body);
        if (row.Columns.Count != _treatments.Length)
        {
            PgProtocolException.ThrowViolation(
                $"The server sent a row of {row.Columns.Count} values for a result of {_treatments.Length} columns; the connection is closed.");
        }

        _scratch.Truncate(0);
        var changed = 0;
        var withheld = 0;
        var ordinal = 0;
        foreach (var value in row.Columns)
        {
            _masked[ordinal] = (0, -1);
            var outcome = value.IsNull ? ValueOutcome.AsReceived : Mask(ordinal, value);
            _values[ordinal] = outcome == ValueOutcome.Withheld ? PgValue.Null : value;
            changed += outcome == ValueOutcome.AsReceived ? 0 : 1;
            withheld += outcome == ValueOutcome.Withheld ? 1 : 0;
            ordinal++;
        }

        if (changed == 0)
        {
            Array.Clear(_values);
            WriteAsReceived(row, output);
            return;
        }

        // Masked values are placed only now: the scratch buffer may have moved while the row was being masked.
        var scratch = _scratch.WrittenMemory;
        for (var i = 0; i < _masked.Length; i++)
        {
            if (_masked[i].Length >= 0)
            {
                _values[i] = new PgValue(new ReadOnlySequence<byte>(scratch.Slice(_masked[i].Start, _masked[i].Length)));
            }
        }

        BackendMessageWriter.DataRow(output, _values);
        Array.Clear(_values);
        RowsMasked++;
        ValuesMasked += changed;
        ValuesWithheld += withheld;
    }

    public void Dispose() => _scratch.Dispose();

    private static ColumnTreatment Treat(int typeOid, short format, bool maskedByRule, bool detectors)
    {
        if (!maskedByRule && !detectors)
        {
            return ColumnTreatment.Forward;
        }

        return format switch
        {
            0 => ColumnTreatment.MaskText,
            1 when PgTextualTypes.IsText(typeOid) => ColumnTreatment.MaskText,
            1 when typeOid == PgTextualTypes.Jsonb && !maskedByRule => ColumnTreatment.MaskJsonb,
            1 when !maskedByRule => ColumnTreatment.Forward,

            // Masked by rule in a binary form that cannot carry text, or a format code the gateway does not know.
            _ => ColumnTreatment.Withhold,
        };
    }

    private ValueOutcome Mask(int ordinal, PgValue value)
    {
        var treatment = _treatments[ordinal];
        if (treatment is ColumnTreatment.Forward)
        {
            return ValueOutcome.AsReceived;
        }

        if (treatment is ColumnTreatment.Withhold)
        {
            return ValueOutcome.Withheld;
        }

        var bytes = value.Bytes;
        if (bytes.IsSingleSegment)
        {
            return Mask(ordinal, treatment, bytes.FirstSpan);
        }

        var length = (int)bytes.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            bytes.CopyTo(rented);
            return Mask(ordinal, treatment, rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private ValueOutcome Mask(int ordinal, ColumnTreatment treatment, ReadOnlySpan<byte> value)
    {
        var start = _scratch.WrittenCount;
        if (treatment is ColumnTreatment.MaskJsonb)
        {
            // Only version 1 is defined; any other cannot be read, so it is not sent.
            if (value.IsEmpty || value[0] != PgTextualTypes.JsonbVersion)
            {
                return ValueOutcome.Withheld;
            }

            _scratch.Write([PgTextualTypes.JsonbVersion]);
            value = value[1..];
        }

        if (!_plan.TryMask(ordinal, value, _scratch))
        {
            _scratch.Truncate(start);
            return ValueOutcome.AsReceived;
        }

        _masked[ordinal] = (start, _scratch.WrittenCount - start);
        return ValueOutcome.Masked;
    }

    private static void WriteAsReceived(DataRowMessage row, IBufferWriter<byte> output)
    {
        var values = row.Columns.WireBytes;
        var frame = PgFrame.Typed(output, BackendMessageType.DataRow, checked(2 + (int)values.Length));
        frame.WriteInt16((short)row.Columns.Count);
        frame.WriteBytes(values);
        frame.Commit();
    }

    private enum ValueOutcome
    {
        AsReceived,
        Masked,
        Withheld,
    }
}
