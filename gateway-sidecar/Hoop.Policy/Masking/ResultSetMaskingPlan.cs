using System.Buffers;
using Hoop.Api.V1Alpha1;

namespace Hoop.Policy.Masking;

/// <summary>
/// The masking of one result set, worked out once from its columns: which columns a rule masks whole, and that every
/// other value goes through the content detectors. Immutable; the per-row work is only the values themselves.
/// </summary>
public sealed class ResultSetMaskingPlan
{
    private readonly MaskingEngine _engine;
    private readonly MaskingStrategy?[] _ruleStrategies;

    internal ResultSetMaskingPlan(MaskingEngine engine, MaskingStrategy?[] ruleStrategies)
    {
        _engine = engine;
        _ruleStrategies = ruleStrategies;
        MaskedByRuleCount = ruleStrategies.Count(s => s is not null);
    }

    public int ColumnCount => _ruleStrategies.Length;

    /// <summary>How many columns a rule masks whole.</summary>
    public int MaskedByRuleCount { get; }

    /// <summary>Whether rows pass through unchanged whatever they hold: no column rule applies and no detector is on.</summary>
    public bool PassesThrough => MaskedByRuleCount == 0 && !_engine.HasDetectors;

    /// <summary>
    /// Whether a rule masks this column whole. Its values become text (a marker, a partial value or a hash), so the proxy
    /// should describe such a column as text, or send NULL where a binary format cannot carry text.
    /// </summary>
    public bool IsMaskedByRule(int ordinal) => _ruleStrategies[ordinal] is not null;

    /// <summary>The strategy of the rule masking this column, or null when only the detectors apply.</summary>
    public MaskingStrategy? GetRuleStrategy(int ordinal) => _ruleStrategies[ordinal];

    /// <summary>
    /// Masks one non-NULL value of the column at <paramref name="ordinal"/>, given as UTF-8 text. Returns true having
    /// written the masked value to <paramref name="output"/>, or false having written nothing when the value is to be
    /// forwarded as it is; that path allocates nothing.
    /// </summary>
    public bool TryMask(int ordinal, ReadOnlySpan<byte> utf8Value, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (_ruleStrategies[ordinal] is { } strategy)
        {
            _engine.WriteColumnValue(utf8Value, strategy, output);
            return true;
        }

        return _engine.TryMaskContent(utf8Value, output);
    }
}
