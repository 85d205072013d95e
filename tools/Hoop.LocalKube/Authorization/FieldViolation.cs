using System.Text.Json.Nodes;

namespace Hoop.LocalKube.Authorization;

/// <summary>One <c>field.Invalid</c> error of a rejected object; <see cref="Value"/> is already rendered as Go prints it.</summary>
internal sealed record FieldViolation(string Field, string Value, string Detail)
{
    public string Body => $"Invalid value: {Value}: {Detail}";

    public override string ToString() => $"{Field}: {Body}";

    /// <summary>The entry of a Status's <c>details.causes</c>.</summary>
    public JsonObject ToCause() => new()
    {
        ["reason"] = "FieldValueInvalid",
        ["message"] = Body,
        ["field"] = Field,
    };
}
