using System.Text.Json.Nodes;
using Hoop.LocalKube.Patching;

namespace Hoop.LocalKube.Tests.Patching;

public sealed class JsonPatchTests
{
    // RFC 6902 appendix A, the examples that succeed (A.1 to A.8, A.10, A.11, A.14, A.16).
    [Theory]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux"}]""", """{"baz":"qux","foo":"bar"}""")]
    [InlineData("""{"foo":["bar","baz"]}""", """[{"op":"add","path":"/foo/1","value":"qux"}]""", """{"foo":["bar","qux","baz"]}""")]
    [InlineData("""{"baz":"qux","foo":"bar"}""", """[{"op":"remove","path":"/baz"}]""", """{"foo":"bar"}""")]
    [InlineData("""{"foo":["bar","qux","baz"]}""", """[{"op":"remove","path":"/foo/1"}]""", """{"foo":["bar","baz"]}""")]
    [InlineData("""{"baz":"qux","foo":"bar"}""", """[{"op":"replace","path":"/baz","value":"boo"}]""", """{"baz":"boo","foo":"bar"}""")]
    [InlineData(
        """{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}""",
        """[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]""",
        """{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}""")]
    [InlineData("""{"foo":["all","grass","cows","eat"]}""", """[{"op":"move","from":"/foo/1","path":"/foo/3"}]""", """{"foo":["all","cows","eat","grass"]}""")]
    [InlineData(
        """{"baz":"qux","foo":["a",2,"c"]}""",
        """[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]""",
        """{"baz":"qux","foo":["a",2,"c"]}""")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/child","value":{"grandchild":{}}}]""", """{"foo":"bar","child":{"grandchild":{}}}""")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux","xyz":123}]""", """{"foo":"bar","baz":"qux"}""")]
    [InlineData("""{"/":9,"~1":10}""", """[{"op":"test","path":"/~01","value":10}]""", """{"/":9,"~1":10}""")]
    [InlineData("""{"foo":["bar"]}""", """[{"op":"add","path":"/foo/-","value":["abc","def"]}]""", """{"foo":["bar",["abc","def"]]}""")]
    public void Rfc6902_examples_produce_the_documented_result(string document, string patch, string expected)
    {
        var outcome = JsonPatch.Apply(JsonAssert.Parse(document), patch);

        JsonAssert.Equal(expected, JsonAssert.Applied(outcome));
    }

    // RFC 6902 appendix A.9, A.12 and A.15: operations that must fail.
    [Theory]
    [InlineData("""{"baz":"qux"}""", """[{"op":"test","path":"/baz","value":"bar"}]""", "patch[0] (test \"/baz\")")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/baz/bat","value":"qux"}]""", "patch[0] (add \"/baz/bat\")")]
    [InlineData("""{"/":9,"~1":10}""", """[{"op":"test","path":"/~01","value":"10"}]""", "patch[0] (test \"/~01\")")]
    public void Rfc6902_error_examples_fail_and_name_the_operation(string document, string patch, string where)
    {
        var error = JsonAssert.Failed(JsonPatch.Apply(JsonAssert.Parse(document), patch), PatchFailure.NotApplicable);

        Assert.Contains(where, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_members_in_an_operation_make_the_patch_malformed()
    {
        // RFC 6902 appendix A.13.
        var outcome = JsonPatch.Apply(JsonAssert.Parse("""{"foo":"bar"}"""), """[{"op":"add","path":"/baz","value":"qux","op":"remove"}]""");

        Assert.Contains("not valid JSON", JsonAssert.Failed(outcome, PatchFailure.MalformedPatch), StringComparison.Ordinal);
    }

    [Fact]
    public void Copy_duplicates_a_value_and_later_changes_do_not_touch_the_source()
    {
        var outcome = JsonPatch.Apply(
            JsonAssert.Parse("""{"a":{"x":1}}"""),
            """[{"op":"copy","from":"/a","path":"/b"},{"op":"replace","path":"/b/x","value":2}]""");

        JsonAssert.Equal("""{"a":{"x":1},"b":{"x":2}}""", JsonAssert.Applied(outcome));
    }

    [Fact]
    public void Add_on_an_existing_member_replaces_its_value()
    {
        var outcome = JsonPatch.Apply(JsonAssert.Parse("""{"spec":{"replicas":1}}"""), """[{"op":"add","path":"/spec/replicas","value":3}]""");

        JsonAssert.Equal("""{"spec":{"replicas":3}}""", JsonAssert.Applied(outcome));
    }

    [Fact]
    public void Escaped_slash_reaches_an_annotation_whose_key_contains_one()
    {
        var outcome = JsonPatch.Apply(
            JsonAssert.Parse("""{"metadata":{"annotations":{"example.com/team":"a"}}}"""),
            """[{"op":"replace","path":"/metadata/annotations/example.com~1team","value":"b"},{"op":"add","path":"/metadata/annotations/a~0b","value":"c"}]""");

        JsonAssert.Equal("""{"metadata":{"annotations":{"example.com/team":"b","a~b":"c"}}}""", JsonAssert.Applied(outcome));
    }

    [Fact]
    public void Add_and_replace_at_the_empty_path_replace_the_whole_document()
    {
        var added = JsonPatch.Apply(JsonAssert.Parse("""{"a":1}"""), """[{"op":"add","path":"","value":{"b":2}}]""");
        var replaced = JsonPatch.Apply(JsonAssert.Parse("""{"a":1}"""), """[{"op":"replace","path":"","value":[1]}]""");

        JsonAssert.Equal("""{"b":2}""", JsonAssert.Applied(added));
        JsonAssert.Equal("[1]", JsonAssert.Applied(replaced));
    }

    [Fact]
    public void Test_compares_numbers_by_value_and_objects_regardless_of_member_order()
    {
        var outcome = JsonPatch.Apply(
            JsonAssert.Parse("""{"n":1,"o":{"a":1,"b":[1,2]}}"""),
            """[{"op":"test","path":"/n","value":1.0},{"op":"test","path":"/o","value":{"b":[1,2],"a":1e0}}]""");

        JsonAssert.Applied(outcome);
    }

    [Fact]
    public void Test_treats_arrays_in_another_order_as_different()
    {
        var outcome = JsonPatch.Apply(JsonAssert.Parse("""{"a":[1,2]}"""), """[{"op":"test","path":"/a","value":[2,1]}]""");

        Assert.Contains("is [1,2], not [2,1]", JsonAssert.Failed(outcome, PatchFailure.NotApplicable), StringComparison.Ordinal);
    }

    [Fact]
    public void Test_operation_that_fails_rejects_the_whole_patch()
    {
        var document = JsonAssert.Parse("""{"metadata":{"labels":{"app":"web"}},"spec":{"replicas":2}}""");
        var before = document!.ToJsonString();

        var outcome = JsonPatch.Apply(
            document,
            """
            [
              {"op":"add","path":"/metadata/labels/tier","value":"front"},
              {"op":"replace","path":"/spec/replicas","value":5},
              {"op":"test","path":"/spec/replicas","value":4}
            ]
            """);

        var error = JsonAssert.Failed(outcome, PatchFailure.NotApplicable);
        Assert.Equal("patch[2] (test \"/spec/replicas\") failed: the value at \"/spec/replicas\" is 5, not 4. No operation of the patch was applied.", error);
        Assert.Equal(before, document.ToJsonString());
    }

    [Fact]
    public void A_successful_patch_leaves_its_inputs_unchanged_and_shares_no_nodes_with_them()
    {
        var document = JsonAssert.Parse("""{"a":{"b":1}}""");
        var patch = JsonAssert.Parse("""[{"op":"add","path":"/c","value":{"d":2}}]""");

        var result = JsonAssert.Applied(JsonPatch.Apply(document, patch))!;
        result["a"]!["b"] = 10;
        result["c"]!["d"] = 20;

        JsonAssert.Equal("""{"a":{"b":1}}""", document);
        JsonAssert.Equal("""[{"op":"add","path":"/c","value":{"d":2}}]""", patch);
    }

    [Theory]
    [InlineData("""{"op":"add","path":"/a","value":1}""", "an object")]
    [InlineData("\"add\"", "a string")]
    [InlineData("null", "null")]
    public void A_patch_that_is_not_an_array_is_malformed(string patch, string described)
    {
        var error = JsonAssert.Failed(JsonPatch.Apply(JsonAssert.Parse("{}"), patch), PatchFailure.MalformedPatch);

        Assert.Contains($"must be an array of operations", error, StringComparison.Ordinal);
        Assert.EndsWith($"the body is {described}", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("[{\"op\":\"add\",")]
    [InlineData("[1,]")]
    public void A_body_that_is_not_json_is_malformed(string patch)
    {
        JsonAssert.Failed(JsonPatch.Apply(JsonAssert.Parse("{}"), patch), PatchFailure.MalformedPatch);
    }

    [Fact]
    public void An_operation_that_is_not_an_object_is_malformed()
    {
        var error = JsonAssert.Failed(JsonPatch.Apply(JsonAssert.Parse("{}"), """[{"op":"remove","path":"/a"},"remove"]"""), PatchFailure.MalformedPatch);

        Assert.StartsWith("patch[1] is a string", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{"op":"add","value":1}]""", "patch[0] (add) failed: the operation has no \"path\" string")]
    [InlineData("""[{"op":"add","path":7,"value":1}]""", "patch[0] (add) failed: the operation has no \"path\" string")]
    [InlineData("""[{"path":"/a","value":1}]""", "patch[0] failed: the operation has no \"op\" string")]
    [InlineData("""[{"op":"merge","path":"/a"}]""", "patch[0] (merge) failed: \"merge\" is not a JSON patch operation")]
    [InlineData("""[{"op":"add","path":"/a"}]""", "patch[0] (add \"/a\") failed: the operation has no \"value\"")]
    [InlineData("""[{"op":"move","path":"/a"}]""", "patch[0] (move \"/a\") failed: the operation has no \"from\" string")]
    [InlineData("""[{"op":"add","path":"a/b","value":1}]""", "patch[0] (add) failed: \"a/b\" is not a JSON pointer: it must be empty or start with \"/\"")]
    [InlineData("""[{"op":"test","path":"/a","value":1},{"op":"remove","path":"/a~2b"}]""", "patch[1] (remove) failed: \"/a~2b\" is not a JSON pointer")]
    public void An_incomplete_or_invalid_operation_is_rejected_with_its_index(string patch, string expectedStart)
    {
        var error = JsonAssert.Failed(JsonPatch.Apply(JsonAssert.Parse("""{"a":1}"""), patch), PatchFailure.NotApplicable);

        Assert.StartsWith(expectedStart, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{"op":"remove","path":"/missing"}]""", "no value exists at \"/missing\", so there is nothing to remove")]
    [InlineData("""[{"op":"replace","path":"/missing","value":1}]""", "no value exists at \"/missing\", so there is nothing to replace")]
    [InlineData("""[{"op":"remove","path":"/list/2"}]""", "no value exists at \"/list/2\"")]
    [InlineData("""[{"op":"replace","path":"/list/-","value":1}]""", "no value exists at \"/list/-\"")]
    [InlineData("""[{"op":"add","path":"/list/3","value":1}]""", "index 3 is out of range for the array at \"/list\", which has 2 elements")]
    [InlineData("""[{"op":"add","path":"/list/01","value":1}]""", "\"01\" is not an index into the array at \"/list\"")]
    [InlineData("""[{"op":"add","path":"/list/99999999999999999999","value":1}]""", "is out of range for the array at \"/list\"")]
    [InlineData("""[{"op":"add","path":"/name/x","value":1}]""", "the value at \"/name\" is a string, so nothing can be added inside it")]
    [InlineData("""[{"op":"move","from":"/obj","path":"/obj/inner"}]""", "\"/obj\" cannot be moved into its own child \"/obj/inner\"")]
    [InlineData("""[{"op":"copy","from":"/missing","path":"/b"}]""", "no value exists at \"/missing\", so there is nothing to copy")]
    [InlineData("""[{"op":"test","path":"/missing","value":null}]""", "no value exists at \"/missing\" to test")]
    [InlineData("""[{"op":"remove","path":""}]""", "the whole document cannot be removed")]
    public void An_operation_that_does_not_fit_the_document_says_why(string patch, string reason)
    {
        var document = JsonAssert.Parse("""{"name":"w1","list":[1,2],"obj":{"inner":true}}""");

        var error = JsonAssert.Failed(JsonPatch.Apply(document, patch), PatchFailure.NotApplicable);

        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_is_a_value_that_add_stores_and_test_matches()
    {
        var outcome = JsonPatch.Apply(
            JsonAssert.Parse("{}"),
            """[{"op":"add","path":"/a","value":null},{"op":"test","path":"/a","value":null}]""");

        JsonAssert.Equal("""{"a":null}""", JsonAssert.Applied(outcome));
    }

    [Fact]
    public void Moving_a_value_onto_itself_changes_nothing()
    {
        var outcome = JsonPatch.Apply(JsonAssert.Parse("""{"a":[1,2]}"""), """[{"op":"move","from":"/a/0","path":"/a/0"}]""");

        JsonAssert.Equal("""{"a":[1,2]}""", JsonAssert.Applied(outcome));
    }

    [Fact]
    public void An_already_parsed_patch_is_applied_like_its_text()
    {
        var patch = new JsonArray(new JsonObject { ["op"] = "add", ["path"] = "/spec/replicas", ["value"] = 2 });

        var outcome = JsonPatch.Apply(JsonAssert.Parse("""{"spec":{}}"""), patch);

        JsonAssert.Equal("""{"spec":{"replicas":2}}""", JsonAssert.Applied(outcome));
    }
}
