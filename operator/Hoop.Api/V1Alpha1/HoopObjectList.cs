using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Hoop.Api.V1Alpha1;

/// <summary>A list of hoop objects as the API server returns it (<c>ConnectionList</c> and so on).</summary>
public sealed class HoopObjectList<T> : IKubernetesObject<V1ListMeta>, IItems<T>
    where T : IKubernetesObject
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = HoopApiGroup.ApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "List";

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<T> Items { get; set; } = [];
}
