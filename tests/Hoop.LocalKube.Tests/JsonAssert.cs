using System.Text.Json.Nodes;
using Hoop.LocalKube.Patching;

namespace Hoop.LocalKube.Tests;

/// <summary>Assertions on JSON trees: equality is JSON equality (member order ignored, array order kept).</summary>
internal static class JsonAssert
{
    public static JsonNode? Parse(string json) => JsonNode.Parse(json);

    public static void Equal(string expected, JsonNode? actual)
    {
        var expectedNode = JsonNode.Parse(expected);
        Assert.True(
            JsonNode.DeepEquals(expectedNode, actual),
            $"Expected {expectedNode?.ToJsonString() ?? "null"} but got {actual?.ToJsonString() ?? "null"}");
    }

    /// <summary>Asserts the patch applied and returns what it produced.</summary>
    public static JsonNode? Applied(PatchOutcome outcome)
    {
        Assert.True(outcome.Succeeded, $"The patch failed: {outcome.Error}");
        Assert.Equal(PatchFailure.None, outcome.Failure);
        return outcome.Result;
    }

    /// <summary>Asserts the patch failed the given way, with no result, and returns the error.</summary>
    public static string Failed(PatchOutcome outcome, PatchFailure failure)
    {
        Assert.False(outcome.Succeeded, $"The patch applied: {outcome.Result?.ToJsonString() ?? "null"}");
        Assert.Equal(failure, outcome.Failure);
        Assert.Null(outcome.Result);
        return outcome.Error;
    }
}
