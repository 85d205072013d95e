using System.Text.Json.Nodes;
using Hoop.LocalKube.Patching;

namespace Hoop.LocalKube.Tests.Patching;

public sealed class PatchTests
{
    [Theory]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux"}]""", """{"foo":"bar","baz":"qux"}""")]
    [InlineData("""{"foo":["bar","baz"]}""", """[{"op":"add","path":"/foo/1","value":"qux"}]""", """{"foo":["bar","qux","baz"]}""")]
    [InlineData("""{"foo":["bar"]}""", """[{"op":"add","path":"/foo/-","value":"qux"}]""", """{"foo":["bar","qux"]}""")]
    [InlineData("""{"baz":"qux","foo":"bar"}""", """[{"op":"remove","path":"/baz"}]""", """{"foo":"bar"}""")]
    [InlineData("""{"baz":"qux","foo":"bar"}""", """[{"op":"replace","path":"/baz","value":"boo"}]""", """{"baz":"boo","foo":"bar"}""")]
    [InlineData("""{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}""", """[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]""", """{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}""")]
    [InlineData("""{"a/b":1,"m~n":2}""", """[{"op":"replace","path":"/a~1b","value":3},{"op":"remove","path":"/m~0n"}]""", """{"a/b":3}""")]
    [InlineData("""{"status":{"phase":"Pending"}}""", """[{"op":"test","path":"/status/phase","value":"Pending"},{"op":"replace","path":"/status/phase","value":"Executing"}]""", """{"status":{"phase":"Executing"}}""")]
    public void Json_patch_follows_rfc_6902(string document, string patch, string expected)
    {
        var outcome = JsonPatch.Apply(JsonNode.Parse(document), JsonNode.Parse(patch));
        Assert.Null(outcome.Error);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), outcome.Result), outcome.Result?.ToJsonString());
    }

    [Theory]
    [InlineData("""[{"op":"test","path":"/status/phase","value":"Pending"},{"op":"replace","path":"/status/phase","value":"Executing"}]""", "test failed")]
    [InlineData("""[{"op":"replace","path":"/status/phase","value":"x"},{"op":"remove","path":"/nope"}]""", "operation 1")]
    [InlineData("""{"op":"add"}""", "must be an array")]
    [InlineData("""[{"op":"add","value":1}]""", "\"op\" and \"path\"")]
    [InlineData("""[{"op":"frobnicate","path":"/a"}]""", "unknown operation")]
    public void A_json_patch_that_does_not_apply_changes_nothing_and_says_why(string patch, string reason)
    {
        var document = JsonNode.Parse("""{"status":{"phase":"Approved"}}""");
        var outcome = JsonPatch.Apply(document, JsonNode.Parse(patch));
        Assert.Null(outcome.Result);
        Assert.Contains(reason, outcome.Error, StringComparison.Ordinal);
        Assert.Equal("""{"status":{"phase":"Approved"}}""", document!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"a":null}""", """{}""")]
    [InlineData("""{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""")]
    [InlineData("""{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":{"b":"c"}}""", """{"a":{"b":"d","c":null}}""", """{"a":{"b":"d"}}""")]
    [InlineData("""{"a":[{"b":"c"}]}""", """{"a":[1]}""", """{"a":[1]}""")]
    [InlineData("""["a","b"]""", """["c","d"]""", """["c","d"]""")]
    [InlineData("""{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""")]
    public void Merge_patch_follows_rfc_7386(string target, string patch, string expected)
    {
        var outcome = MergePatch.Apply(JsonNode.Parse(target), JsonNode.Parse(patch));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), outcome.Result), outcome.Result?.ToJsonString());
    }

    [Fact]
    public void Strategic_merge_merges_containers_by_name_and_deletes_with_the_patch_directive()
    {
        var deployment = JsonNode.Parse("""{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"app:1"},{"name":"sidecar","image":"proxy:1"}]}}},"metadata":{"finalizers":["a"]}}""");
        var patch = JsonNode.Parse("""{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"app:2"},{"name":"sidecar","$patch":"delete"},{"name":"new","image":"new:1"}]}}},"metadata":{"finalizers":["b"]}}""");

        var outcome = StrategicMergePatch.Apply(deployment, patch);

        Assert.Equal("""[{"name":"app","image":"app:2"},{"name":"new","image":"new:1"}]""", outcome.Result!["spec"]!["template"]!["spec"]!["containers"]!.ToJsonString());
        Assert.Equal("""["a","b"]""", outcome.Result["metadata"]!["finalizers"]!.ToJsonString());
    }

    [Theory]
    [InlineData("application/json-patch+json", "JsonPatch")]
    [InlineData("application/merge-patch+json; charset=utf-8", "MergePatch")]
    [InlineData("Application/Strategic-Merge-Patch+JSON", "StrategicMergePatch")]
    [InlineData("application/apply-patch+yaml", "ApplyPatch")]
    [InlineData("application/json", null)]
    public void Patch_kinds_come_from_the_media_type_without_its_parameters(string contentType, string? kind)
    {
        Assert.Equal(kind, PatchKinds.FromContentType(contentType)?.ToString());
    }
}
