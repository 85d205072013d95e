namespace Hoop.Operator.Reconcilers.Connections;

/// <summary>What every gateway StatefulSet gets unless its Connection says otherwise: the image and how it is pulled.</summary>
internal sealed record GatewayDefaults
{
    public const string ImageRepository = "ghcr.io/hoop-operator/gateway";

    /// <summary>The gateway image; by default the one released with this operator version.</summary>
    public string Image { get; init; } = $"{ImageRepository}:{typeof(GatewayDefaults).Assembly.GetName().Version?.ToString(3) ?? "latest"}";

    public string ImagePullPolicy { get; init; } = "IfNotPresent";

    /// <summary>Size of each replica's recording volume when the Connection does not set one.</summary>
    public string RecordingStorageSize { get; init; } = "1Gi";
}
