using System.Text.Json.Nodes;

namespace Hoop.LocalKube.Tests.Protobuf;

/// <summary>Compares JSON by value, property order aside, and shows both sides when they differ.</summary>
internal static class JsonAssert
{
    public static void Equivalent(string expected, JsonNode? actual)
    {
        var expectedNode = JsonNode.Parse(expected);
        Assert.True(
            JsonNode.DeepEquals(expectedNode, actual),
            $"Expected {expectedNode?.ToJsonString()}{Environment.NewLine}but got  {actual?.ToJsonString()}");
    }
}
