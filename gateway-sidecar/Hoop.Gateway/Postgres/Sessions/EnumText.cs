using System.Collections.Frozen;

namespace Hoop.Gateway.Postgres.Sessions;

/// <summary>An enum value's name, as <c>ToString()</c> spells it, without formatting it again for every statement.</summary>
internal static class EnumText<T>
    where T : struct, Enum
{
    private static readonly FrozenDictionary<T, string> Names = Enum.GetValues<T>().Distinct().ToFrozenDictionary(v => v, v => v.ToString());
    private static readonly FrozenDictionary<T, string> LowerNames = Names.ToFrozenDictionary(p => p.Key, p => p.Value.ToLowerInvariant());

    public static string Of(T value) => Names.TryGetValue(value, out var name) ? name : value.ToString();

    public static string LowerOf(T value) => LowerNames.TryGetValue(value, out var name) ? name : value.ToString().ToLowerInvariant();
}
