using System.Text.Json.Nodes;
using Hoop.Api;
using Hoop.Api.Serialization;
using Hoop.Api.V1Alpha1;
using Hoop.Testing;
using Hoop.Testing.Kubernetes;
using k8s;
using k8s.Models;

namespace Hoop.Operator.Tests.Reconcilers;

/// <summary>
/// One namespace of a LocalKube with the repository's CRDs, for running reconcilers against: an admin client,
/// the samples applied into the namespace, and read-through caches of the kinds the reconcilers read.
/// </summary>
internal sealed class LocalKubeWorld : IDisposable
{
    private LocalKubeWorld(Kubernetes client, string ns)
    {
        Client = client;
        Namespace = ns;
        Connections = new(async ct => (await List<Connection>(ResourceKind.Connection, ct)).Items);
        Policies = new(async ct => (await List<ApprovalPolicy>(ResourceKind.ApprovalPolicy, ct)).Items);
        Requests = new(async ct => (await List<AccessRequest>(ResourceKind.AccessRequest, ct)).Items);
        Leases = new(async ct => (await Client.CoordinationV1.ListNamespacedLeaseAsync(Namespace, cancellationToken: ct)).Items);
    }

    public Kubernetes Client { get; }

    public string Namespace { get; }

    public ApiObjectCache<Connection> Connections { get; }

    public ApiObjectCache<ApprovalPolicy> Policies { get; }

    public ApiObjectCache<AccessRequest> Requests { get; }

    public ApiObjectCache<V1Lease> Leases { get; }

    public static async Task<LocalKubeWorld> CreateAsync(LocalKubeFixture fixture, CancellationToken cancellationToken)
    {
        var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(fixture.KubeconfigFor(TestUsers.Admin)));
        foreach (var file in Directory.GetFiles(RepositoryFiles.PathOf("crds"), "*.yaml"))
        {
            var crd = KubernetesJson.Deserialize<V1CustomResourceDefinition>(YamlDocuments.ParseSingleObject(await File.ReadAllTextAsync(file, cancellationToken)).ToJsonString());
            try
            {
                await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd, cancellationToken: cancellationToken);
            }
            catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
            {
            }
        }

        var ns = $"t-{Guid.NewGuid().ToString("N")[..10]}";
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: cancellationToken);
        return new LocalKubeWorld(client, ns);
    }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await Connections.RefreshAsync(cancellationToken);
        await Policies.RefreshAsync(cancellationToken);
        await Requests.RefreshAsync(cancellationToken);
        await Leases.RefreshAsync(cancellationToken);
    }

    /// <summary>Creates a sample from the repository's samples folder in this namespace, optionally changed first.</summary>
    public async Task ApplySampleAsync(string file, Action<JsonObject>? change = null, CancellationToken cancellationToken = default)
    {
        var manifest = YamlDocuments.ParseSingleObject(await File.ReadAllTextAsync(RepositoryFiles.PathOf(Path.Combine("samples", file)), cancellationToken));
        manifest["metadata"]!["namespace"] = Namespace;
        change?.Invoke(manifest);
        await CreateAsync(manifest, cancellationToken);
    }

    public async Task CreateAsync(JsonObject manifest, CancellationToken cancellationToken)
    {
        var kind = manifest["kind"]!.GetValue<string>();
        if (kind == "Secret")
        {
            await Client.CoreV1.CreateNamespacedSecretAsync(KubernetesJson.Deserialize<V1Secret>(manifest.ToJsonString()), Namespace, cancellationToken: cancellationToken);
            return;
        }

        var resource = ResourceKind.Resolve(kind) ?? throw new ArgumentException($"not a hoop kind: {kind}", nameof(manifest));
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(manifest, HoopApiGroup.Group, HoopApiGroup.Version, Namespace, resource.Plural, cancellationToken: cancellationToken);
    }

    public Task<T> GetAsync<T>(ResourceKind kind, string name, CancellationToken cancellationToken) =>
        Client.CustomObjects.GetNamespacedCustomObjectAsync<T>(HoopApiGroup.Group, HoopApiGroup.Version, Namespace, kind.Plural, name, cancellationToken);

    /// <summary>Appends a review the way a reviewer does (JSON patch on the status subresource), as the admin.</summary>
    public async Task AppendReviewAsync(string request, Review review, CancellationToken cancellationToken)
    {
        var current = await GetAsync<AccessRequest>(ResourceKind.AccessRequest, request, cancellationToken);
        var value = JsonNode.Parse(KubernetesJson.Serialize(review));
        var operation = current.Status?.Reviews is null
            ? new JsonObject { ["op"] = "add", ["path"] = "/status/reviews", ["value"] = new JsonArray(value) }
            : new JsonObject { ["op"] = "add", ["path"] = "/status/reviews/-", ["value"] = value };
        var patch = current.Status is null
            ? new JsonArray(new JsonObject { ["op"] = "add", ["path"] = "/status", ["value"] = new JsonObject() }, operation)
            : new JsonArray(operation);
        await Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.JsonPatch),
            HoopApiGroup.Group, HoopApiGroup.Version, Namespace, ResourceKind.AccessRequest.Plural, request, cancellationToken: cancellationToken);
    }

    public void Dispose() => Client.Dispose();

    private Task<HoopObjectList<T>> List<T>(ResourceKind kind, CancellationToken cancellationToken)
        where T : IKubernetesObject =>
        Client.CustomObjects.ListNamespacedCustomObjectAsync<HoopObjectList<T>>(HoopApiGroup.Group, HoopApiGroup.Version, Namespace, kind.Plural, cancellationToken: cancellationToken);
}
