using System.Text.Json.Nodes;
using Hoop.Testing.Kubernetes;

namespace Hoop.LocalKube.Tests.Http;

public sealed class GarbageCollectionTests(LocalKubeFixture fixture) : IClassFixture<LocalKubeFixture>, IDisposable
{
    private readonly LocalKubeClient _client = new(fixture.Server, TestUsers.TokenOf(TestUsers.Admin));

    [Fact]
    public async Task Background_deletion_removes_dependents_after_their_owner()
    {
        var (ns, owner) = await OwnerWithDependentAsync(block: false);
        await _client.ExpectAsync(200, HttpMethod.Delete, $"/api/v1/namespaces/{ns}/configmaps/owner", new JsonObject { ["propagationPolicy"] = "Background" });

        await _client.ExpectAsync(404, HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps/owner");
        await _client.ExpectAsync(404, HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps/dependent");
        Assert.NotNull(owner);
    }

    [Fact]
    public async Task Orphan_deletion_keeps_dependents_and_drops_their_owner_reference()
    {
        var (ns, _) = await OwnerWithDependentAsync(block: false);
        await _client.ExpectAsync(200, HttpMethod.Delete, $"/api/v1/namespaces/{ns}/configmaps/owner", new JsonObject { ["propagationPolicy"] = "Orphan" });

        var dependent = await _client.ExpectAsync(200, HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps/dependent");
        Assert.Empty(dependent["metadata"]!["ownerReferences"]?.AsArray() ?? []);
    }

    [Fact]
    public async Task Foreground_deletion_deletes_blocking_dependents_first_then_the_owner()
    {
        var (ns, _) = await OwnerWithDependentAsync(block: true, dependentFinalizer: "example.com/hold");
        var deleting = await _client.ExpectAsync(200, HttpMethod.Delete, $"/api/v1/namespaces/{ns}/configmaps/owner", new JsonObject { ["propagationPolicy"] = "Foreground" });
        Assert.Contains("foregroundDeletion", deleting["metadata"]!["finalizers"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.NotNull(deleting["metadata"]!["deletionTimestamp"]);

        // The dependent is held by its own finalizer, so the owner waits.
        var held = await _client.ExpectAsync(200, HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps/dependent");
        Assert.NotNull(held["metadata"]!["deletionTimestamp"]);
        await _client.ExpectAsync(200, HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps/owner");

        await _client.ExpectAsync(200, HttpMethod.Patch, $"/api/v1/namespaces/{ns}/configmaps/dependent",
            new JsonArray(new JsonObject { ["op"] = "remove", ["path"] = "/metadata/finalizers" }), "application/json-patch+json");
        await _client.ExpectAsync(404, HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps/dependent");
        await _client.ExpectAsync(404, HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps/owner");
    }

    [Fact]
    public async Task A_finalizer_holds_an_object_and_no_new_finalizer_may_join_once_it_is_being_deleted()
    {
        var ns = await _client.NamespaceAsync();
        await _client.ExpectAsync(201, HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps",
            LocalKubeClient.ConfigMap("held", new JsonObject { ["finalizers"] = new JsonArray("example.com/a") }));
        await _client.ExpectAsync(200, HttpMethod.Delete, $"/api/v1/namespaces/{ns}/configmaps/held");

        var refused = await _client.ExpectAsync(422, HttpMethod.Patch, $"/api/v1/namespaces/{ns}/configmaps/held",
            new JsonObject { ["metadata"] = new JsonObject { ["finalizers"] = new JsonArray("example.com/a", "example.com/b") } }, "application/merge-patch+json");
        Assert.Contains("no new finalizers can be added if the object is being deleted", refused["message"]!.GetValue<string>(), StringComparison.Ordinal);

        await _client.ExpectAsync(200, HttpMethod.Patch, $"/api/v1/namespaces/{ns}/configmaps/held",
            new JsonObject { ["metadata"] = new JsonObject { ["finalizers"] = null } }, "application/merge-patch+json");
        await _client.ExpectAsync(404, HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps/held");
    }

    [Fact]
    public async Task A_dependent_created_after_its_owner_was_deleted_is_collected()
    {
        var (ns, owner) = await OwnerWithDependentAsync(block: false);
        await _client.ExpectAsync(200, HttpMethod.Delete, $"/api/v1/namespaces/{ns}/configmaps/owner", new JsonObject { ["propagationPolicy"] = "Background" });

        // A controller acting on a stale cache creates a dependent of the owner just deleted.
        var reference = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["name"] = "owner", ["uid"] = owner["metadata"]!["uid"]!.GetValue<string>() };
        await _client.ExpectAsync(201, HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps",
            LocalKubeClient.ConfigMap("late", new JsonObject { ["ownerReferences"] = new JsonArray(reference) }));

        await _client.ExpectAsync(404, HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps/late");
    }

    public void Dispose() => _client.Dispose();

    private async Task<(string Namespace, JsonObject Owner)> OwnerWithDependentAsync(bool block, string? dependentFinalizer = null)
    {
        var ns = await _client.NamespaceAsync();
        var owner = await _client.ExpectAsync(201, HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", LocalKubeClient.ConfigMap("owner"));
        var metadata = new JsonObject
        {
            ["ownerReferences"] = new JsonArray(new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "ConfigMap",
                ["name"] = "owner",
                ["uid"] = owner["metadata"]!["uid"]!.GetValue<string>(),
                ["blockOwnerDeletion"] = block,
            }),
        };
        if (dependentFinalizer is not null)
        {
            metadata["finalizers"] = new JsonArray(dependentFinalizer);
        }

        await _client.ExpectAsync(201, HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", LocalKubeClient.ConfigMap("dependent", metadata));
        return (ns, owner);
    }
}
