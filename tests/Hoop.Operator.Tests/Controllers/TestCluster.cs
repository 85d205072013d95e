using System.Net;
using Hoop.Api;
using Hoop.Api.V1Alpha1;
using Hoop.Testing;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Hoop.Operator.Tests.Controllers;

/// <summary>Clients, CRDs, namespaces and objects for tests against a LocalKube.</summary>
internal static class TestCluster
{
    public static Kubernetes Client(string kubeconfigPath, params DelegatingHandler[] handlers) =>
        new(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath), handlers);

    public static async Task ApplyCrdsAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        foreach (var kind in ResourceKind.All)
        {
            var crd = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(await File.ReadAllTextAsync(RepositoryFiles.PathOf($"crds/{kind.CrdFileName}"), cancellationToken));
            try
            {
                await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd, cancellationToken: cancellationToken);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
            {
            }
        }
    }

    public static async Task<string> NewNamespaceAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        var name = "t-" + Guid.NewGuid().ToString("N")[..10];
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } }, cancellationToken: cancellationToken);
        return name;
    }

    public static Connection Connection(string @namespace, string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = @namespace },
        Spec = new ConnectionSpec
        {
            Type = ConnectionType.Ssh,
            Target = new ConnectionTarget { Host = "bastion.example", Port = 22 },
            CredentialsSecretRef = new SecretReference { Name = "bastion-credentials" },
            Authentication = new ConnectionAuthentication { Kubernetes = new KubernetesAuthentication() },
        },
    };

    public static Task<Connection> CreateAsync(IKubernetes client, Connection connection, CancellationToken cancellationToken) =>
        client.CustomObjects.CreateNamespacedCustomObjectAsync<Connection>(connection, HoopApiGroup.Group, HoopApiGroup.Version, connection.Metadata.NamespaceProperty, ResourceKind.Connection.Plural, cancellationToken: cancellationToken);

    public static Task<Connection> PatchAsync(IKubernetes client, string @namespace, string name, string mergePatch, CancellationToken cancellationToken, bool status = false)
    {
        var patch = new V1Patch(mergePatch, V1Patch.PatchType.MergePatch);
        return status
            ? client.CustomObjects.PatchNamespacedCustomObjectStatusAsync<Connection>(patch, HoopApiGroup.Group, HoopApiGroup.Version, @namespace, ResourceKind.Connection.Plural, name, cancellationToken: cancellationToken)
            : client.CustomObjects.PatchNamespacedCustomObjectAsync<Connection>(patch, HoopApiGroup.Group, HoopApiGroup.Version, @namespace, ResourceKind.Connection.Plural, name, cancellationToken: cancellationToken);
    }

    public static Task DeleteAsync(IKubernetes client, string @namespace, string name, CancellationToken cancellationToken) =>
        client.CustomObjects.DeleteNamespacedCustomObjectAsync(HoopApiGroup.Group, HoopApiGroup.Version, @namespace, ResourceKind.Connection.Plural, name, cancellationToken: cancellationToken);

    /// <summary>Polls until <paramref name="condition"/> holds; fails the test with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, $"timed out waiting until {what}");
            await Task.Delay(20, cancellationToken);
        }
    }
}
