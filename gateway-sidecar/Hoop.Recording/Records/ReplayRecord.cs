using System.Text.Json;

namespace Hoop.Recording.Records;

/// <summary>One record of a session replay log; the recorder adds its <c>seq</c>, <c>time</c> and <c>prev</c>.</summary>
public abstract record ReplayRecord
{
    /// <summary>The value of the record's <c>type</c> field.</summary>
    internal abstract string Type { get; }

    /// <summary>A copy with every free-text field passed through <paramref name="mask"/>.</summary>
    internal abstract ReplayRecord Masked(Func<string, string> mask);

    internal abstract void WriteFields(Utf8JsonWriter writer);
}
