namespace Hoop.Api;

/// <summary>Labels and annotations the operator puts on what it creates, and reads back.</summary>
public static class WellKnownLabels
{
    /// <summary>The Connection a gateway object (StatefulSet, Lease, Service...) belongs to.</summary>
    public const string Connection = "hoop.dev/connection";

    /// <summary>Set to <see cref="ManagedByOperator"/> on every object the operator creates, so its informers can select them.</summary>
    public const string ManagedBy = "app.kubernetes.io/managed-by";

    public const string ManagedByOperator = "hoop-operator";

    public const string Name = "app.kubernetes.io/name";

    public const string Instance = "app.kubernetes.io/instance";

    public const string Component = "app.kubernetes.io/component";

    /// <summary>Hash of the desired state an operator-made object was written from; a differing hash means rewrite it.</summary>
    public const string DesiredStateHash = "hoop.dev/desired-state-hash";
}
