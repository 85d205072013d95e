using System.Text.Json;
using System.Text.Json.Nodes;
using Hoop.Api;
using Hoop.Api.V1Alpha1;
using k8s.Models;

namespace Hoop.Operator.Reconcilers.Connections;

/// <summary>
/// The objects that run one Connection's gateway, as the operator wants them: all named <see cref="GatewayNames.For"/>,
/// labelled for the operator's informers, owned by the Connection (so deleting it collects them) and stamped with
/// the hash of their content. Pure: built from the Connection alone.
/// </summary>
internal sealed record GatewayResources(
    V1ServiceAccount ServiceAccount,
    V1Role Role,
    V1RoleBinding RoleBinding,
    V1ConfigMap ConfigMap,
    V1StatefulSet StatefulSet,
    V1Service Service)
{
    public const int AdminPort = 8081;
    public const int UserId = 10001;
    public const string RecordingsVolume = "recordings";
    public const string RecordingsPath = "/var/lib/hoop/recordings";
    public const string SettingsFile = "gateway.json";

    /// <summary>The port clients connect to: spec.gateway.port, or the protocol's usual one.</summary>
    public static int ServicePort(Connection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.Spec.Gateway?.Port ?? connection.Spec.Type switch
        {
            ConnectionType.Postgres => 5432,
            ConnectionType.MySql => 3306,
            ConnectionType.Ssh => 22,
            _ => 443,
        };
    }

    /// <summary>
    /// The port the gateway process listens on. The container runs as a non-root user with every capability dropped,
    /// so it cannot bind below 1024; the Service maps the usual port (22, 443) onto a high one.
    /// </summary>
    public static int ContainerPort(Connection connection)
    {
        var port = ServicePort(connection);
        return port < 1024 ? 8000 + port : port;
    }

    /// <summary>Where clients reach the gateway from inside the cluster.</summary>
    public static string Endpoint(Connection connection) =>
        $"{GatewayNames.For(connection.Metadata.Name)}.{connection.Metadata.NamespaceProperty}.svc:{ServicePort(connection)}";

    public static IReadOnlyDictionary<string, string> LabelsFor(string connection) => new Dictionary<string, string>
    {
        [WellKnownLabels.Name] = "hoop-gateway",
        [WellKnownLabels.Instance] = connection,
        [WellKnownLabels.ManagedBy] = WellKnownLabels.ManagedByOperator,
        [WellKnownLabels.Connection] = connection,
    };

    public static GatewayResources Build(Connection connection, GatewayDefaults defaults)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(defaults);
        var configMap = DesiredStateHash.Stamp(BuildConfigMap(connection));
        return new GatewayResources(
            DesiredStateHash.Stamp(new V1ServiceAccount { ApiVersion = "v1", Kind = "ServiceAccount", Metadata = Metadata(connection) }),
            DesiredStateHash.Stamp(BuildRole(connection)),
            DesiredStateHash.Stamp(BuildRoleBinding(connection)),
            configMap,
            DesiredStateHash.Stamp(BuildStatefulSet(connection, defaults, DesiredStateHash.Read(configMap)!)),
            DesiredStateHash.Stamp(BuildService(connection)));
    }

    public IEnumerable<k8s.IKubernetesObject<V1ObjectMeta>> All => [ServiceAccount, Role, RoleBinding, ConfigMap, StatefulSet, Service];

    internal static V1ObjectMeta Metadata(Connection connection) => new()
    {
        Name = GatewayNames.For(connection.Metadata.Name),
        NamespaceProperty = connection.Metadata.NamespaceProperty,
        Labels = new Dictionary<string, string>(LabelsFor(connection.Metadata.Name)),
        OwnerReferences =
        [
            new V1OwnerReference
            {
                ApiVersion = HoopApiGroup.ApiVersion,
                Kind = ResourceKind.Connection.Kind,
                Name = connection.Metadata.Name,
                Uid = connection.Metadata.Uid,
                Controller = true,
                BlockOwnerDeletion = true,
            },
        ],
    };

    /// <summary>The least the gateway needs; each rule says why.</summary>
    internal static V1Role BuildRole(Connection connection)
    {
        var name = connection.Metadata.Name;
        var secrets = new List<string> { connection.Spec.CredentialsSecretRef.Name, GatewayNames.RecordingKey(name) };
        if (connection.Spec.Target.Tls?.CaSecretRef?.Name is { Length: > 0 } ca && !secrets.Contains(ca))
        {
            secrets.Add(ca);
        }

        var replicas = connection.Spec.Gateway?.Replicas ?? 1;
        var leases = Enumerable.Range(0, replicas)
            .Select(i => GatewayNames.LivenessLease(name, $"{GatewayNames.For(name)}-{i}"))
            .ToList();

        return new V1Role
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = "Role",
            Metadata = Metadata(connection),
            Rules =
            [
                // Its own Connection only. RBAC authorizes list and watch restricted by resourceNames when the request
                // carries the field selector metadata.name=<name>, so the gateway can follow changes to it and no other.
                Rule(HoopApiGroup.Group, "connections", ["get", "list", "watch"], [name]),

                // The service credential, the recording key (and the target's CA bundle when one is referenced), by name: no other Secret.
                Rule("", "secrets", ["get"], secrets),

                // Which policies govern the Connection is decided by labels, so the gateway reads every policy of the namespace.
                Rule(HoopApiGroup.Group, "approvalpolicies", ["get", "list", "watch"]),

                // Holding an operation creates an AccessRequest; waiting for it follows the request.
                Rule(HoopApiGroup.Group, "accessrequests", ["create", "get", "list", "watch"]),

                // Approved → Executing and the execution result; the validating webhook restricts what a gateway may change.
                Rule(HoopApiGroup.Group, "accessrequests/status", ["get", "patch"]),

                // Create cannot be restricted by name (the name is unknown at authorization time).
                Rule("coordination.k8s.io", "leases", ["create"]),

                // Each replica renews only its own liveness Lease, which tells the operator it is serving.
                Rule("coordination.k8s.io", "leases", ["get", "update"], leases),

                // Events on requests it holds and executes.
                Rule("", "events", ["create"]),
            ],
        };
    }

    private static V1PolicyRule Rule(string group, string resource, List<string> verbs, List<string>? names = null) => new()
    {
        ApiGroups = [group],
        Resources = [resource],
        Verbs = verbs,
        ResourceNames = names,
    };

    private static V1RoleBinding BuildRoleBinding(Connection connection) => new()
    {
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Kind = "RoleBinding",
        Metadata = Metadata(connection),
        RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = GatewayNames.For(connection.Metadata.Name) },
        Subjects =
        [
            new Rbacv1Subject
            {
                Kind = "ServiceAccount",
                Name = GatewayNames.For(connection.Metadata.Name),
                NamespaceProperty = connection.Metadata.NamespaceProperty,
            },
        ],
    };

    /// <summary>Only what is not secret: the credential itself stays in its Secret.</summary>
    private static V1ConfigMap BuildConfigMap(Connection connection)
    {
        var spec = connection.Spec;
        var settings = new JsonObject
        {
            ["connection"] = $"{connection.Metadata.NamespaceProperty}/{connection.Metadata.Name}",
            ["type"] = StatusWriter.ToNode(spec.Type),
            ["listen"] = $"0.0.0.0:{ContainerPort(connection)}",
            ["port"] = ServicePort(connection),
            ["target"] = StatusWriter.ToNode(spec.Target),
            ["credentialsSecret"] = spec.CredentialsSecretRef.Name,
            ["authentication"] = StatusWriter.ToNode(spec.Authentication),
            ["masking"] = StatusWriter.ToNode(spec.Masking),
            ["recordings"] = new JsonObject
            {
                ["path"] = RecordingsPath,
                ["retention"] = spec.Gateway?.Recording?.Retention ?? new RecordingSettings().Retention,
            },
        };
        return new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = Metadata(connection),
            Data = new Dictionary<string, string> { [SettingsFile] = settings.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) },
        };
    }

    private static V1StatefulSet BuildStatefulSet(Connection connection, GatewayDefaults defaults, string settingsHash)
    {
        var name = GatewayNames.For(connection.Metadata.Name);
        var labels = LabelsFor(connection.Metadata.Name);
        var gateway = connection.Spec.Gateway;
        var port = ContainerPort(connection);
        var storage = gateway?.Recording?.StorageSize ?? new ResourceQuantity(defaults.RecordingStorageSize);
        var container = new V1Container
        {
            Name = "gateway",
            Image = defaults.Image,
            ImagePullPolicy = defaults.ImagePullPolicy,
            Args =
            [
                "--connection", $"{connection.Metadata.NamespaceProperty}/{connection.Metadata.Name}",
                "--listen", $"0.0.0.0:{port}",
                "--recordings", RecordingsPath,
                "--admin-listen", $"0.0.0.0:{AdminPort}",
            ],
            Ports =
            [
                new V1ContainerPort { Name = "gateway", ContainerPort = port, Protocol = "TCP" },
                new V1ContainerPort { Name = "admin", ContainerPort = AdminPort, Protocol = "TCP" },
            ],
            Env =
            [
                new V1EnvVar { Name = "POD_NAME", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.name" } } },
            ],
            ReadinessProbe = Probe("/readyz"),
            LivenessProbe = Probe("/healthz"),
            Resources = gateway?.Resources,
            SecurityContext = new V1SecurityContext
            {
                RunAsNonRoot = true,
                RunAsUser = UserId,
                ReadOnlyRootFilesystem = true,
                AllowPrivilegeEscalation = false,
                Capabilities = new V1Capabilities { Drop = ["ALL"] },
                SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
            },
            VolumeMounts =
            [
                new V1VolumeMount { Name = RecordingsVolume, MountPath = RecordingsPath },
                new V1VolumeMount { Name = "tmp", MountPath = "/tmp" },
                new V1VolumeMount { Name = "settings", MountPath = "/etc/hoop", ReadOnlyProperty = true },
            ],
        };

        return new V1StatefulSet
        {
            ApiVersion = "apps/v1",
            Kind = "StatefulSet",
            Metadata = Metadata(connection),
            Spec = new V1StatefulSetSpec
            {
                Replicas = gateway?.Replicas ?? 1,
                ServiceName = name,
                Selector = new V1LabelSelector
                {
                    MatchLabels = new Dictionary<string, string>
                    {
                        [WellKnownLabels.Name] = labels[WellKnownLabels.Name],
                        [WellKnownLabels.Instance] = labels[WellKnownLabels.Instance],
                    },
                },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta
                    {
                        Labels = new Dictionary<string, string>(labels),

                        // Settings are read at start: a changed ConfigMap rolls the pods.
                        Annotations = new Dictionary<string, string> { [WellKnownLabels.DesiredStateHash + "-settings"] = settingsHash },
                    },
                    Spec = new V1PodSpec
                    {
                        ServiceAccountName = name,
                        AutomountServiceAccountToken = true,
                        SecurityContext = new V1PodSecurityContext
                        {
                            RunAsNonRoot = true,
                            RunAsUser = UserId,
                            RunAsGroup = UserId,
                            FsGroup = UserId,
                            SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
                        },
                        Containers = [container],
                        Volumes =
                        [
                            new V1Volume { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource() },
                            new V1Volume { Name = "settings", ConfigMap = new V1ConfigMapVolumeSource { Name = name } },
                        ],
                    },
                },
                VolumeClaimTemplates =
                [
                    new V1PersistentVolumeClaim
                    {
                        Metadata = new V1ObjectMeta { Name = RecordingsVolume, Labels = new Dictionary<string, string>(labels) },
                        Spec = new V1PersistentVolumeClaimSpec
                        {
                            AccessModes = ["ReadWriteOnce"],
                            StorageClassName = gateway?.Recording?.StorageClassName,
                            Resources = new V1VolumeResourceRequirements
                            {
                                Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = storage },
                            },
                        },
                    },
                ],
            },
        };
    }

    private static V1Probe Probe(string path) => new()
    {
        HttpGet = new V1HTTPGetAction { Path = path, Port = "admin" },
        PeriodSeconds = 10,
    };

    private static V1Service BuildService(Connection connection)
    {
        var labels = LabelsFor(connection.Metadata.Name);
        return new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = Metadata(connection),
            Spec = new V1ServiceSpec
            {
                Type = "ClusterIP",
                Selector = new Dictionary<string, string>
                {
                    [WellKnownLabels.Name] = labels[WellKnownLabels.Name],
                    [WellKnownLabels.Instance] = labels[WellKnownLabels.Instance],
                },
                Ports = [new V1ServicePort { Name = "gateway", Port = ServicePort(connection), TargetPort = "gateway", Protocol = "TCP" }],
            },
        };
    }
}
