using System.Text.Json.Nodes;
using Hoop.LocalKube.Patching;

namespace Hoop.LocalKube.Tests.Patching;

/// <summary>Patches shaped like the ones kubectl sends for a built-in Deployment.</summary>
public sealed class StrategicMergePatchKubectlTests
{
    private const string Deployment = """
        {
          "apiVersion": "apps/v1",
          "kind": "Deployment",
          "metadata": {"name": "web", "namespace": "shop", "labels": {"app": "web", "tier": "front"}, "annotations": {"owner": "team-a"}},
          "spec": {
            "replicas": 2,
            "selector": {"matchLabels": {"app": "web"}},
            "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}},
            "template": {
              "metadata": {"labels": {"app": "web"}},
              "spec": {
                "containers": [
                  {"name": "web", "image": "nginx:1.26", "env": [{"name": "MODE", "value": "prod"}]},
                  {"name": "sidecar", "image": "envoy:1.30"}
                ],
                "volumes": [{"name": "cache", "emptyDir": {}}]
              }
            }
          }
        }
        """;

    private static JsonNode Patch(string patch) =>
        JsonAssert.Applied(StrategicMergePatch.Apply(JsonAssert.Parse(Deployment), patch))!;

    [Fact]
    public void Set_image_changes_only_the_named_container()
    {
        // kubectl set image deployment/web web=nginx:1.27
        var result = Patch("""{"spec":{"template":{"spec":{"containers":[{"image":"nginx:1.27","name":"web"}]}}}}""");

        JsonAssert.Equal(
            """
            [
              {"name":"web","image":"nginx:1.27","env":[{"name":"MODE","value":"prod"}]},
              {"name":"sidecar","image":"envoy:1.30"}
            ]
            """,
            result["spec"]!["template"]!["spec"]!["containers"]);
        JsonAssert.Equal("""[{"name":"cache","emptyDir":{}}]""", result["spec"]!["template"]!["spec"]!["volumes"]);
    }

    [Fact]
    public void Rollout_restart_adds_the_restarted_at_annotation_to_the_template()
    {
        // kubectl rollout restart deployment/web
        var result = Patch("""{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2025-01-01T00:00:00Z"}}}}}""");

        JsonAssert.Equal(
            """{"labels":{"app":"web"},"annotations":{"kubectl.kubernetes.io/restartedAt":"2025-01-01T00:00:00Z"}}""",
            result["spec"]!["template"]!["metadata"]);
    }

    [Fact]
    public void Label_and_annotate_with_a_trailing_dash_delete_through_null()
    {
        // kubectl label deployment/web tier- team=payments; kubectl annotate deployment/web owner-
        var result = Patch("""{"metadata":{"labels":{"team":"payments","tier":null},"annotations":{"owner":null}}}""");

        JsonAssert.Equal("""{"app":"web","team":"payments"}""", result["metadata"]!["labels"]);
        JsonAssert.Equal("{}", result["metadata"]!["annotations"]);
    }

    [Fact]
    public void Set_env_adds_a_variable_to_the_named_container()
    {
        // kubectl set env deployment/web LEVEL=debug
        var result = Patch("""{"spec":{"template":{"spec":{"containers":[{"env":[{"name":"LEVEL","value":"debug"}],"name":"web"}]}}}}""");

        JsonAssert.Equal(
            """[{"name":"LEVEL","value":"debug"},{"name":"MODE","value":"prod"}]""",
            result["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]);
    }

    [Fact]
    public void Client_side_apply_patch_updates_removes_and_orders_as_its_directives_say()
    {
        // What kubectl apply sends after the user scaled to 3, dropped the sidecar, added LEVEL after MODE,
        // and switched the strategy to Recreate.
        var result = Patch(
            """
            {
              "metadata": {"annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{\"kind\":\"Deployment\"}\n"}},
              "spec": {
                "replicas": 3,
                "strategy": {"$retainKeys": ["type"], "type": "Recreate"},
                "template": {"spec": {
                  "$setElementOrder/containers": [{"name": "web"}],
                  "containers": [
                    {"$setElementOrder/env": [{"name": "MODE"}, {"name": "LEVEL"}], "env": [{"name": "LEVEL", "value": "debug"}], "name": "web"},
                    {"$patch": "delete", "name": "sidecar"}
                  ]
                }}
              }
            }
            """);

        Assert.Equal(3, (int)result["spec"]!["replicas"]!);
        JsonAssert.Equal("""{"type":"Recreate"}""", result["spec"]!["strategy"]);
        JsonAssert.Equal(
            """[{"name":"web","image":"nginx:1.26","env":[{"name":"MODE","value":"prod"},{"name":"LEVEL","value":"debug"}]}]""",
            result["spec"]!["template"]!["spec"]!["containers"]);
        Assert.Equal("{\"kind\":\"Deployment\"}\n", (string)result["metadata"]!["annotations"]!["kubectl.kubernetes.io/last-applied-configuration"]!);
        Assert.Equal("team-a", (string)result["metadata"]!["annotations"]!["owner"]!);
    }

    [Fact]
    public void Metadata_owner_references_merge_by_uid()
    {
        var target = JsonAssert.Parse("""{"metadata":{"ownerReferences":[{"uid":"1","kind":"ReplicaSet","name":"a"}]}}""");

        var outcome = StrategicMergePatch.Apply(target, """{"metadata":{"ownerReferences":[{"uid":"1","blockOwnerDeletion":true}]}}""");

        JsonAssert.Equal(
            """[{"uid":"1","kind":"ReplicaSet","name":"a","blockOwnerDeletion":true}]""",
            JsonAssert.Applied(outcome)!["metadata"]!["ownerReferences"]);
    }

    [Fact]
    public void Status_conditions_merge_by_type()
    {
        var target = JsonAssert.Parse(
            """{"status":{"conditions":[{"type":"Available","status":"True"},{"type":"Progressing","status":"True","reason":"NewReplicaSetAvailable"}]}}""");

        var outcome = StrategicMergePatch.Apply(target, """{"status":{"conditions":[{"type":"Available","status":"False","reason":"MinimumReplicasUnavailable"}]}}""");

        JsonAssert.Equal(
            """[{"type":"Available","status":"False","reason":"MinimumReplicasUnavailable"},{"type":"Progressing","status":"True","reason":"NewReplicaSetAvailable"}]""",
            JsonAssert.Applied(outcome)!["status"]!["conditions"]);
    }

    [Fact]
    public void Rbac_subjects_and_rules_are_replaced_whole()
    {
        var binding = JsonAssert.Parse(
            """{"subjects":[{"kind":"User","name":"a"},{"kind":"User","name":"b"}],"rules":[{"verbs":["get"],"resources":["pods"]}]}""");

        var outcome = StrategicMergePatch.Apply(binding, """{"subjects":[{"kind":"User","name":"c"}],"rules":[{"verbs":["list"],"resources":["pods"]}]}""");

        JsonAssert.Equal(
            """{"subjects":[{"kind":"User","name":"c"}],"rules":[{"verbs":["list"],"resources":["pods"]}]}""",
            JsonAssert.Applied(outcome));
    }
}
