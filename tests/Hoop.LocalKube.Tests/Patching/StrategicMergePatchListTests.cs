using System.Text.Json.Nodes;
using Hoop.LocalKube.Patching;

namespace Hoop.LocalKube.Tests.Patching;

public sealed class StrategicMergePatchListTests
{
    private const string Pod = """
        {
          "metadata": {"name": "p", "finalizers": ["a.example.com/x", "b.example.com/y"]},
          "spec": {
            "containers": [
              {"name": "web", "image": "nginx:1.26", "ports": [{"containerPort": 80, "protocol": "TCP"}],
               "env": [{"name": "MODE", "value": "prod"}]},
              {"name": "log", "image": "fluent-bit:3"}
            ],
            "tolerations": [{"key": "a", "operator": "Exists"}]
          }
        }
        """;

    private static JsonNode? Patch(string patch, string target = Pod) =>
        JsonAssert.Applied(StrategicMergePatch.Apply(JsonAssert.Parse(target), patch));

    private static string[] Names(JsonNode? list) => [.. list!.AsArray().Select(item => (string)item!["name"]!)];

    [Fact]
    public void A_container_named_in_the_patch_is_updated_and_the_others_are_kept()
    {
        var result = Patch("""{"spec":{"containers":[{"name":"log","image":"fluent-bit:4"}]}}""");

        JsonAssert.Equal(
            """
            [
              {"name":"web","image":"nginx:1.26","ports":[{"containerPort":80,"protocol":"TCP"}],"env":[{"name":"MODE","value":"prod"}]},
              {"name":"log","image":"fluent-bit:4"}
            ]
            """,
            result!["spec"]!["containers"]);
    }

    [Fact]
    public void A_new_container_is_added_ahead_of_the_stored_ones_as_the_api_server_does()
    {
        var result = Patch("""{"spec":{"containers":[{"name":"sidecar","image":"envoy:1"}]}}""");

        Assert.Equal(["sidecar", "web", "log"], Names(result!["spec"]!["containers"]));
        JsonAssert.Equal("""{"name":"sidecar","image":"envoy:1"}""", result["spec"]!["containers"]![0]);
    }

    [Fact]
    public void Set_element_order_places_merged_elements_where_the_client_asked()
    {
        var result = Patch(
            """{"spec":{"$setElementOrder/containers":[{"name":"web"},{"name":"log"},{"name":"sidecar"}],"containers":[{"name":"sidecar","image":"envoy:1"}]}}""");

        Assert.Equal(["web", "log", "sidecar"], Names(result!["spec"]!["containers"]));
    }

    [Fact]
    public void Set_element_order_alone_reorders_the_stored_list()
    {
        var result = Patch("""{"spec":{"$setElementOrder/containers":[{"name":"log"},{"name":"web"}]}}""");

        Assert.Equal(["log", "web"], Names(result!["spec"]!["containers"]));
    }

    [Fact]
    public void Patch_delete_on_an_element_removes_the_container_with_that_name()
    {
        var result = Patch("""{"spec":{"containers":[{"name":"log","$patch":"delete"}]}}""");

        Assert.Equal(["web"], Names(result!["spec"]!["containers"]));
    }

    [Fact]
    public void Patch_replace_on_an_element_makes_the_patch_list_the_whole_list()
    {
        var result = Patch("""{"spec":{"containers":[{"$patch":"replace"},{"name":"only","image":"busybox"}]}}""");

        JsonAssert.Equal("""[{"name":"only","image":"busybox"}]""", result!["spec"]!["containers"]);
    }

    [Fact]
    public void Env_merges_by_name_and_container_ports_by_container_port()
    {
        var result = Patch(
            """
            {"spec":{"containers":[{"name":"web",
              "env":[{"name":"LEVEL","value":"debug"},{"name":"MODE","value":"staging"}],
              "ports":[{"containerPort":80,"name":"http"},{"containerPort":9090,"name":"metrics"}]}]}}
            """);

        var web = result!["spec"]!["containers"]![0]!;
        JsonAssert.Equal("""[{"name":"LEVEL","value":"debug"},{"name":"MODE","value":"staging"}]""", web["env"]);
        JsonAssert.Equal("""[{"containerPort":80,"protocol":"TCP","name":"http"},{"containerPort":9090,"name":"metrics"}]""", web["ports"]);
    }

    [Fact]
    public void Service_ports_merge_by_port_because_their_parent_is_spec()
    {
        var service = """{"spec":{"ports":[{"port":80,"targetPort":8080,"name":"http"},{"port":443,"targetPort":8443,"name":"https"}]}}""";

        var result = Patch("""{"spec":{"ports":[{"port":443,"targetPort":9443}]}}""", service);

        JsonAssert.Equal(
            """[{"port":80,"targetPort":8080,"name":"http"},{"port":443,"targetPort":9443,"name":"https"}]""",
            result!["spec"]!["ports"]);
    }

    [Fact]
    public void Ports_under_a_parent_the_table_does_not_name_are_replaced()
    {
        var policy = """{"spec":{"ingress":[{"ports":[{"port":80},{"port":443}]}]}}""";

        var result = Patch("""{"spec":{"ingress":[{"ports":[{"port":53}]}]}}""", policy);

        JsonAssert.Equal("""[{"ports":[{"port":53}]}]""", result!["spec"]!["ingress"]);
    }

    [Fact]
    public void Volume_mounts_are_deleted_by_mount_path_not_by_name()
    {
        var pod = """{"spec":{"containers":[{"name":"web","volumeMounts":[{"name":"data","mountPath":"/a"},{"name":"data","mountPath":"/b"}]}]}}""";

        var result = Patch("""{"spec":{"containers":[{"name":"web","volumeMounts":[{"mountPath":"/a","$patch":"delete"}]}]}}""", pod);

        JsonAssert.Equal("""[{"name":"data","mountPath":"/b"}]""", result!["spec"]!["containers"]![0]!["volumeMounts"]);
    }

    [Fact]
    public void Tolerations_are_replaced_whole()
    {
        var result = Patch("""{"spec":{"tolerations":[{"key":"b","operator":"Exists","effect":"NoSchedule"}]}}""");

        JsonAssert.Equal("""[{"key":"b","operator":"Exists","effect":"NoSchedule"}]""", result!["spec"]!["tolerations"]);
    }

    [Fact]
    public void Finalizers_merge_as_a_set()
    {
        var result = Patch("""{"metadata":{"finalizers":["b.example.com/y","c.example.com/z","c.example.com/z"]}}""");

        JsonAssert.Equal("""["a.example.com/x","b.example.com/y","c.example.com/z"]""", result!["metadata"]!["finalizers"]);
    }

    [Fact]
    public void Delete_from_primitive_list_removes_finalizers()
    {
        var result = Patch("""{"metadata":{"$deleteFromPrimitiveList/finalizers":["a.example.com/x","not-there"]}}""");

        JsonAssert.Equal("""["b.example.com/y"]""", result!["metadata"]!["finalizers"]);
    }

    [Fact]
    public void Delete_from_primitive_list_and_additions_combine_in_one_patch()
    {
        var result = Patch(
            """{"metadata":{"$setElementOrder/finalizers":["b.example.com/y","c.example.com/z"],"finalizers":["c.example.com/z"],"$deleteFromPrimitiveList/finalizers":["a.example.com/x"]}}""");

        JsonAssert.Equal("""["b.example.com/y","c.example.com/z"]""", result!["metadata"]!["finalizers"]);
    }

    [Fact]
    public void A_list_the_object_lacks_is_taken_from_the_patch_without_directives_or_nulls()
    {
        var result = Patch("""{"spec":{"volumes":[{"name":"data","emptyDir":{"medium":null}},{"name":"gone","$patch":"delete"}]}}""");

        JsonAssert.Equal("""[{"name":"data","emptyDir":{}}]""", result!["spec"]!["volumes"]);
    }

    [Fact]
    public void Custom_rules_extend_the_table_by_field_name()
    {
        var rules = ListMergeRules.BuiltIn.With(ListMergeRule.ByKey("widgets", "id"));
        var target = JsonAssert.Parse("""{"spec":{"widgets":[{"id":1,"size":"s"},{"id":2,"size":"m"}]}}""");

        var merged = StrategicMergePatch.Apply(target, """{"spec":{"widgets":[{"id":2,"size":"l"}]}}""", rules);
        var replaced = StrategicMergePatch.Apply(target, """{"spec":{"widgets":[{"id":2,"size":"l"}]}}""");

        JsonAssert.Equal("""[{"id":1,"size":"s"},{"id":2,"size":"l"}]""", JsonAssert.Applied(merged)!["spec"]!["widgets"]);
        JsonAssert.Equal("""[{"id":2,"size":"l"}]""", JsonAssert.Applied(replaced)!["spec"]!["widgets"]);
    }

    [Fact]
    public void An_element_without_the_merge_key_is_rejected_with_where_it_is()
    {
        var error = JsonAssert.Failed(
            StrategicMergePatch.Apply(JsonAssert.Parse(Pod), """{"spec":{"containers":[{"name":"web","env":[{"value":"x"}]}]}}"""),
            PatchFailure.NotApplicable);

        Assert.Equal(
            "strategic merge patch does not apply at spec.containers[name=\"web\"].env: element 0 of the patch has no \"name\", the key this list merges by; add it so the server knows which element to change",
            error);
    }

    [Theory]
    [InlineData("""{"spec":{"containers":["web"]}}""", "element 0 of the patch is a string")]
    [InlineData("""{"spec":{"containers":[{"$patch":"delete"}]}}""", "says \"$patch\": \"delete\" but has no \"name\"")]
    [InlineData("""{"spec":{"containers":[{"name":"web","$patch":"merge"}]}}""", "which list elements do not take")]
    [InlineData("""{"spec":{"tolerations":[{"key":"a","$patch":"delete"}]}}""", "this list has no merge key")]
    [InlineData("""{"metadata":{"finalizers":[{"name":"x"}]}}""", "merges as a set of primitive values")]
    public void List_patches_that_do_not_fit_the_list_are_rejected(string patch, string reason)
    {
        var error = JsonAssert.Failed(StrategicMergePatch.Apply(JsonAssert.Parse(Pod), patch), PatchFailure.NotApplicable);

        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
