using System.Text;
using Hoop.Api.V1Alpha1;
using Hoop.Policy.Masking;

namespace Hoop.Policy.Tests.Masking;

/// <summary>Engines built from small specs, and a byte-level masking call that reports whether anything changed.</summary>
internal static class MaskingSpecs
{
    public static readonly byte[] Salt = Encoding.UTF8.GetBytes("connection-salt-0123456789abcdef");

    public static readonly DetectorType[] AllDetectors = Enum.GetValues<DetectorType>();

    public static MaskingEngine Detecting(MaskingStrategy strategy, params DetectorType[] types) =>
        MaskingEngine.Create(
            new Api.V1Alpha1.Masking { Detectors = [.. types.Select(t => new ContentDetector { Type = t, Strategy = strategy })] },
            Salt);

    public static MaskingEngine Redacting(params DetectorType[] types) => Detecting(MaskingStrategy.Redact, types);

    public static MaskingEngine Columns(params (string Pattern, MaskingStrategy Strategy)[] rules) =>
        MaskingEngine.Create(
            new Api.V1Alpha1.Masking { Columns = [.. rules.Select(r => new ColumnMaskingRule { Pattern = r.Pattern, Strategy = r.Strategy })] },
            Salt);

    /// <summary>Masks UTF-8 bytes through the span API; null when the engine left the value alone.</summary>
    public static byte[]? MaskBytes(this MaskingEngine engine, byte[] value)
    {
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        return engine.TryMask(value, output) ? output.WrittenSpan.ToArray() : null;
    }

    public static string MaskColumn(this ResultSetMaskingPlan plan, int ordinal, string value)
    {
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        return plan.TryMask(ordinal, Encoding.UTF8.GetBytes(value), output) ? Encoding.UTF8.GetString(output.WrittenSpan) : value;
    }
}
