using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Hoop.Api.V1Alpha1;

/// <summary>What the three hoop kinds share: type metadata, object metadata, a spec and a status.</summary>
public abstract class HoopObject<TSpec, TStatus> : IKubernetesObject<V1ObjectMeta>, ISpec<TSpec>, IStatus<TStatus?>
    where TSpec : new()
{
    protected HoopObject(string kind)
    {
        ApiVersion = HoopApiGroup.ApiVersion;
        Kind = kind;
    }

    /// <summary>APIVersion defines the versioned schema of this representation of an object.</summary>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; }

    /// <summary>Kind is a string value representing the REST resource this object represents.</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; set; }

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public TSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public TStatus? Status { get; set; }
}
