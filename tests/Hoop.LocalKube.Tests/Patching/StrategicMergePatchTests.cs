using Hoop.LocalKube.Patching;

namespace Hoop.LocalKube.Tests.Patching;

public sealed class StrategicMergePatchTests
{
    [Fact]
    public void Objects_merge_and_null_deletes_a_field()
    {
        var outcome = StrategicMergePatch.Apply(
            JsonAssert.Parse("""{"metadata":{"labels":{"app":"web","tier":"front"}},"spec":{"replicas":1,"paused":true}}"""),
            """{"metadata":{"labels":{"tier":null,"team":"payments"}},"spec":{"paused":null,"replicas":2,"absent":null}}""");

        JsonAssert.Equal("""{"metadata":{"labels":{"app":"web","team":"payments"}},"spec":{"replicas":2}}""", JsonAssert.Applied(outcome));
    }

    [Fact]
    public void Retain_keys_clears_the_fields_it_does_not_list()
    {
        var deployment = JsonAssert.Parse("""{"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}}}}""");

        var outcome = StrategicMergePatch.Apply(deployment, """{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}""");

        JsonAssert.Equal("""{"spec":{"strategy":{"type":"Recreate"}}}""", JsonAssert.Applied(outcome));
    }

    [Fact]
    public void Retain_keys_refuses_a_patch_that_sets_a_field_it_does_not_list()
    {
        var outcome = StrategicMergePatch.Apply(
            JsonAssert.Parse("""{"spec":{"strategy":{"type":"RollingUpdate"}}}"""),
            """{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate","rollingUpdate":{"maxSurge":1}}}}""");

        var error = JsonAssert.Failed(outcome, PatchFailure.MalformedPatch);
        Assert.Contains("at spec.strategy: the patch sets \"rollingUpdate\", which \"$retainKeys\" does not list", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Patch_replace_on_an_object_replaces_it_instead_of_merging()
    {
        var outcome = StrategicMergePatch.Apply(
            JsonAssert.Parse("""{"spec":{"selector":{"matchLabels":{"app":"web","tier":"front"}}}}"""),
            """{"spec":{"selector":{"$patch":"replace","matchLabels":{"app":"api"}}}}""");

        JsonAssert.Equal("""{"spec":{"selector":{"matchLabels":{"app":"api"}}}}""", JsonAssert.Applied(outcome));
    }

    [Fact]
    public void Patch_delete_on_an_object_empties_it_as_the_api_server_does()
    {
        var outcome = StrategicMergePatch.Apply(
            JsonAssert.Parse("""{"spec":{"template":{"metadata":{"labels":{"app":"web"}}}}}"""),
            """{"spec":{"template":{"metadata":{"$patch":"delete"}}}}""");

        JsonAssert.Equal("""{"spec":{"template":{"metadata":{}}}}""", JsonAssert.Applied(outcome));
    }

    [Fact]
    public void A_value_of_another_type_replaces_the_stored_one()
    {
        var outcome = StrategicMergePatch.Apply(
            JsonAssert.Parse("""{"data":{"a":"1"},"spec":{"x":[1]}}"""),
            """{"data":"flat","spec":{"x":{"nested":true}}}""");

        JsonAssert.Equal("""{"data":"flat","spec":{"x":{"nested":true}}}""", JsonAssert.Applied(outcome));
    }

    [Fact]
    public void The_target_is_left_unchanged()
    {
        var target = JsonAssert.Parse("""{"spec":{"containers":[{"name":"web","image":"a"}]}}""");
        var before = target!.ToJsonString();

        JsonAssert.Applied(StrategicMergePatch.Apply(target, """{"spec":{"containers":[{"name":"web","image":"b"},{"name":"new"}]}}"""));

        Assert.Equal(before, target.ToJsonString());
    }

    [Fact]
    public void A_failing_patch_yields_no_result_and_leaves_the_target_unchanged()
    {
        var target = JsonAssert.Parse("""{"metadata":{"labels":{"a":"1"}},"spec":{"containers":[{"name":"web"}]}}""");
        var before = target!.ToJsonString();

        var outcome = StrategicMergePatch.Apply(target, """{"metadata":{"labels":{"a":"2"}},"spec":{"containers":[{"image":"x"}]}}""");

        JsonAssert.Failed(outcome, PatchFailure.NotApplicable);
        Assert.Equal(before, target.ToJsonString());
    }

    [Fact]
    public void A_null_patch_changes_nothing()
    {
        var outcome = StrategicMergePatch.Apply(JsonAssert.Parse("""{"a":1}"""), "null");

        JsonAssert.Equal("""{"a":1}""", JsonAssert.Applied(outcome));
    }

    [Theory]
    [InlineData("[]", "a strategic merge patch must be a JSON object, but the body is an array")]
    [InlineData("\"x\"", "a strategic merge patch must be a JSON object, but the body is a string")]
    [InlineData("{\"spec\":", "the patch body is not valid JSON")]
    [InlineData("", "the patch body is empty")]
    [InlineData("""{"spec":{"$replace":true}}""", "malformed at spec: \"$replace\" is not a strategic merge patch directive")]
    [InlineData("""{"spec":{"$setElementOrder/containers":{"name":"web"}}}""", "malformed at spec: \"$setElementOrder/containers\" must name a list field")]
    [InlineData("""{"metadata":{"$deleteFromPrimitiveList/":["x"]}}""", "malformed at metadata: \"$deleteFromPrimitiveList/\" must name a list field")]
    [InlineData("""{"spec":{"$retainKeys":"type"}}""", "malformed at spec: \"$retainKeys\" must be a list of field names")]
    public void A_malformed_patch_is_reported_not_thrown(string patch, string expected)
    {
        var error = JsonAssert.Failed(StrategicMergePatch.Apply(JsonAssert.Parse("""{"spec":{}}"""), patch), PatchFailure.MalformedPatch);

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_patch_directive_on_an_object_is_rejected()
    {
        var error = JsonAssert.Failed(
            StrategicMergePatch.Apply(JsonAssert.Parse("""{"spec":{}}"""), """{"spec":{"$patch":"merge"}}"""),
            PatchFailure.NotApplicable);

        Assert.Equal("strategic merge patch does not apply at spec: \"$patch\": \"merge\" is not a directive for an object; use \"replace\" or \"delete\"", error);
    }
}
