using Hoop.LocalKube.Patching;

namespace Hoop.LocalKube.Tests.Patching;

public sealed class MergePatchTests
{
    // RFC 7386 appendix A, every row.
    [Theory]
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"a":null}""", "{}")]
    [InlineData("""{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""")]
    [InlineData("""{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"c"}""", """{"a":["b"]}""", """{"a":["b"]}""")]
    [InlineData("""{"a":{"b":"c"}}""", """{"a":{"b":"d","c":null}}""", """{"a":{"b":"d"}}""")]
    [InlineData("""{"a":[{"b":"c"}]}""", """{"a":[1]}""", """{"a":[1]}""")]
    [InlineData("""["a","b"]""", """["c","d"]""", """["c","d"]""")]
    [InlineData("""{"a":"b"}""", """["c"]""", """["c"]""")]
    [InlineData("""{"a":"foo"}""", "null", "null")]
    [InlineData("""{"a":"foo"}""", "\"bar\"", "\"bar\"")]
    [InlineData("""{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""")]
    [InlineData("[1,2]", """{"a":"b","c":null}""", """{"a":"b"}""")]
    [InlineData("{}", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""")]
    public void Rfc7386_examples_produce_the_documented_result(string target, string patch, string expected)
    {
        var outcome = MergePatch.Apply(JsonAssert.Parse(target), patch);

        JsonAssert.Equal(expected, JsonAssert.Applied(outcome));
    }

    [Fact]
    public void Labels_and_annotations_merge_and_null_deletes_one()
    {
        var deployment = JsonAssert.Parse(
            """{"metadata":{"name":"web","labels":{"app":"web","tier":"front"},"annotations":{"a":"1"}},"spec":{"replicas":1}}""");

        var outcome = MergePatch.Apply(deployment, """{"metadata":{"labels":{"tier":null,"team":"payments"},"annotations":{"b":"2"}}}""");

        JsonAssert.Equal(
            """{"metadata":{"name":"web","labels":{"app":"web","team":"payments"},"annotations":{"a":"1","b":"2"}},"spec":{"replicas":1}}""",
            JsonAssert.Applied(outcome));
    }

    [Fact]
    public void Arrays_are_replaced_whole_even_when_their_elements_have_names()
    {
        var outcome = MergePatch.Apply(
            JsonAssert.Parse("""{"spec":{"containers":[{"name":"web","image":"a"},{"name":"log","image":"b"}]}}"""),
            """{"spec":{"containers":[{"name":"web","image":"c"}]}}""");

        JsonAssert.Equal("""{"spec":{"containers":[{"name":"web","image":"c"}]}}""", JsonAssert.Applied(outcome));
    }

    [Fact]
    public void The_target_is_left_unchanged_and_the_result_shares_no_nodes_with_the_patch()
    {
        var target = JsonAssert.Parse("""{"spec":{"a":1}}""");
        var patch = JsonAssert.Parse("""{"spec":{"b":{"c":1}}}""");

        var result = JsonAssert.Applied(MergePatch.Apply(target, patch))!;
        result["spec"]!["b"]!["c"] = 2;

        JsonAssert.Equal("""{"spec":{"a":1}}""", target);
        JsonAssert.Equal("""{"spec":{"b":{"c":1}}}""", patch);
    }

    [Fact]
    public void Merged_members_keep_their_position_in_the_object()
    {
        var result = JsonAssert.Applied(MergePatch.Apply(JsonAssert.Parse("""{"a":{"x":1},"b":2}"""), """{"a":{"y":2}}"""));

        Assert.Equal("""{"a":{"x":1,"y":2},"b":2}""", result!.ToJsonString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"metadata\":")]
    [InlineData("{'a':1}")]
    [InlineData("""{"a":1,"a":2}""")]
    public void A_body_that_is_not_json_is_malformed(string patch)
    {
        var error = JsonAssert.Failed(MergePatch.Apply(JsonAssert.Parse("{}"), patch), PatchFailure.MalformedPatch);

        Assert.StartsWith("the patch body is", error, StringComparison.Ordinal);
    }
}
