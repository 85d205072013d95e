using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Hoop.Api.Schema;
using k8s.Models;

namespace Hoop.Api.V1Alpha1;

/// <summary>How the operator runs a Connection's gateway (a StatefulSet).</summary>
public sealed class GatewaySettings
{
    /// <summary>Gateway replicas. Each held operation runs exactly once whichever replica holds it.</summary>
    [DefaultValue(1)]
    [Range(1, 10)]
    [JsonPropertyName("replicas")]
    public int Replicas { get; set; } = 1;

    /// <summary>The port clients connect to; the target protocol's usual port when absent (5432, 3306, 22, 443).</summary>
    [Range(1, 65535)]
    [JsonPropertyName("port")]
    public int? Port { get; set; }

    /// <summary>CPU and memory for each gateway replica.</summary>
    [JsonPropertyName("resources")]
    public V1ResourceRequirements? Resources { get; set; }

    /// <summary>Where session recordings (replay logs) are kept.</summary>
    [JsonPropertyName("recording")]
    public RecordingSettings? Recording { get; set; }
}

/// <summary>Storage for session recordings: one PersistentVolumeClaim per gateway replica.</summary>
public sealed class RecordingSettings
{
    /// <summary>Size of each replica's recording volume.</summary>
    [DefaultValue("1Gi")]
    [JsonPropertyName("storageSize")]
    public ResourceQuantity? StorageSize { get; set; }

    /// <summary>StorageClass of the recording volumes; the cluster's default class when absent.</summary>
    [MaxLength(253)]
    [JsonPropertyName("storageClassName")]
    public string? StorageClassName { get; set; }

    /// <summary>How long recordings are kept before the gateway deletes them, e.g. <c>720h</c> (30 days).</summary>
    [DefaultValue("720h")]
    [Duration("1h", "87600h")]
    [JsonPropertyName("retention")]
    public string Retention { get; set; } = "720h";
}
