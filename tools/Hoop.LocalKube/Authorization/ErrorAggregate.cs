namespace Hoop.LocalKube.Authorization;

/// <summary>Joins error messages as Go's <c>utilerrors</c> aggregate prints them: one alone, several distinct ones in brackets.</summary>
internal static class ErrorAggregate
{
    public static string Format(IEnumerable<string> messages)
    {
        var distinct = messages.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count == 1 ? distinct[0] : $"[{string.Join(", ", distinct)}]";
    }
}
