using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Hoop.Kube.Informers;

/// <summary>Any kind's list as the API server returns it; read straight into typed items so a large list is parsed once.</summary>
internal sealed class ObjectList<T> : IKubernetesObject<V1ListMeta>, IItems<T>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<T> Items { get; set; } = [];
}
