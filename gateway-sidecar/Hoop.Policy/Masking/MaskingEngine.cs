using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using Hoop.Api.V1Alpha1;
using Hoop.Policy.Masking.Detectors;
using MaskingSpec = Hoop.Api.V1Alpha1.Masking;

namespace Hoop.Policy.Masking;

/// <summary>
/// The compiled masking of one Connection: its column rules and content detectors, and the per-Connection salt of the
/// hash strategy. Immutable and safe to share between sessions and threads; create it once per Connection spec.
/// </summary>
/// <remarks>
/// Values are UTF-8. Detectors look at ASCII bytes only and copy everything else through, so invalid UTF-8 is passed
/// through untouched when no detector fires and kept as it was around what one finds.
/// </remarks>
public sealed class MaskingEngine
{
    /// <summary>The shortest salt accepted: a shorter one would let anyone who can guess values confirm them.</summary>
    public const int MinimumSaltLength = 16;

    private readonly ColumnRule[] _rules;
    private readonly ContentMasker _content;
    private readonly KeyedHash _hash;

    private MaskingEngine(ColumnRule[] rules, ContentMasker content, KeyedHash hash)
    {
        _rules = rules;
        _content = content;
        _hash = hash;
    }

    /// <summary>Whether any column rule or detector is configured; when false every value passes through unchanged.</summary>
    public bool IsEnabled => HasColumnRules || HasDetectors;

    public bool HasColumnRules => _rules.Length > 0;

    public bool HasDetectors => !_content.IsEmpty;

    /// <summary>The enabled detectors, in the order the Connection lists them.</summary>
    public IEnumerable<DetectorType> Detectors => _content.Types;

    /// <summary>
    /// Compiles a Connection's masking. On failure <paramref name="errors"/> lists every problem found in the spec, each
    /// naming the offending field and what to change; a null spec compiles to an engine that masks nothing.
    /// </summary>
    public static bool TryCreate(
        MaskingSpec? spec,
        ReadOnlySpan<byte> salt,
        [NotNullWhen(true)] out MaskingEngine? engine,
        out IReadOnlyList<string> errors)
    {
        if (salt.Length < MinimumSaltLength)
        {
            throw new ArgumentException($"The masking salt must be at least {MinimumSaltLength} bytes.", nameof(salt));
        }

        var problems = new List<string>();
        var rules = new List<ColumnRule>();
        var columns = spec?.Columns ?? [];
        for (var i = 0; i < columns.Count; i++)
        {
            if (ColumnRule.TryCompile(i, columns[i], problems) is { } rule)
            {
                rules.Add(rule);
            }
        }

        var detectors = new List<(DetectorType, MaskingStrategy)>();
        var firstIndex = new Dictionary<DetectorType, int>();
        var specDetectors = spec?.Detectors ?? [];
        for (var i = 0; i < specDetectors.Count; i++)
        {
            var where = $"masking.detectors[{i}]";
            if (specDetectors[i] is not { } d || !DetectorCatalog.IsKnown(d.Type))
            {
                problems.Add($"{where}.type is missing or not known; use one of email, creditCard, usSsn, iban, phone, ipAddress, jwt, apiKey.");
                continue;
            }

            if (!MaskStrategies.IsKnown(d.Strategy))
            {
                problems.Add($"{where}.strategy '{d.Strategy}' is not known; use redact, partial or hash.");
                continue;
            }

            if (!firstIndex.TryAdd(d.Type, i))
            {
                problems.Add($"{where} lists detector '{d.Type}' again (first at masking.detectors[{firstIndex[d.Type]}]); keep one entry per type.");
                continue;
            }

            detectors.Add((d.Type, d.Strategy));
        }

        errors = problems;
        if (problems.Count > 0)
        {
            engine = null;
            return false;
        }

        var hash = new KeyedHash(salt);
        engine = new MaskingEngine([.. rules], new ContentMasker(detectors, hash), hash);
        return true;
    }

    /// <summary>Compiles a Connection's masking, throwing <see cref="ArgumentException"/> with every problem when it is invalid.</summary>
    public static MaskingEngine Create(MaskingSpec? spec, ReadOnlySpan<byte> salt) =>
        TryCreate(spec, salt, out var engine, out var errors)
            ? engine
            : throw new ArgumentException("The masking spec is invalid: " + string.Join(" ", errors), nameof(spec));

    /// <summary>The strategy of the first column rule that matches, or null when no rule masks this column.</summary>
    public MaskingStrategy? FindColumnRule(string? table, string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        foreach (var rule in _rules)
        {
            if (rule.Matches(table, column))
            {
                return rule.Strategy;
            }
        }

        return null;
    }

    /// <summary>Plans the masking of a result set; create one per row description and reuse it for every row.</summary>
    public ResultSetMaskingPlan CreatePlan(IReadOnlyList<ResultColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var strategies = new MaskingStrategy?[columns.Count];
        for (var i = 0; i < strategies.Length; i++)
        {
            var column = columns[i];
            strategies[i] = (_rules.Length == 0 ? null : column.SourceName is { } source
                ? FindColumnRule(column.Table, source) ?? FindColumnRule(column.Table, column.Name)
                : FindColumnRule(column.Table, column.Name)) ?? column.Inherited;
        }

        return new ResultSetMaskingPlan(this, strategies);
    }

    /// <summary>
    /// Masks what the detectors find in a UTF-8 text (a value outside a planned result set, an error or notice field).
    /// Returns false and writes nothing when nothing is found, so the caller can forward the original bytes; that path
    /// allocates nothing.
    /// </summary>
    public bool TryMask(ReadOnlySpan<byte> utf8Text, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return _content.TryMask(utf8Text, output);
    }

    /// <summary>
    /// Masks what the detectors find in free text (error messages, notices, recordings); returns the same instance when
    /// nothing is found. Unpaired surrogates in a text that is changed come back as U+FFFD.
    /// </summary>
    public string MaskText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_content.IsEmpty || text.Length == 0)
        {
            return text;
        }

        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        var found = new DetectionBuffer(stackalloc Detection[16]);
        try
        {
            var utf8 = rented.AsSpan(0, Encoding.UTF8.GetBytes(text, rented));
            _content.Find(utf8, ref found);
            if (found.Count == 0)
            {
                return text;
            }

            var output = new ArrayBufferWriter<byte>(utf8.Length);
            _content.Write(utf8, found.Items, output);
            return Encoding.UTF8.GetString(output.WrittenSpan);
        }
        finally
        {
            found.Dispose();
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    internal void WriteColumnValue(ReadOnlySpan<byte> value, MaskingStrategy strategy, IBufferWriter<byte> output)
    {
        switch (strategy)
        {
            case MaskingStrategy.Partial:
                PartialFormats.Write(value, DetectorCatalog.ClassifyWhole(value), output);
                break;
            case MaskingStrategy.Hash:
                _hash.Write(value, DetectorCatalog.ClassifyWhole(value), output);
                break;
            default:
                output.Write(RedactionMarkers.Column);
                break;
        }
    }

    internal bool TryMaskContent(ReadOnlySpan<byte> value, IBufferWriter<byte> output) => _content.TryMask(value, output);
}
