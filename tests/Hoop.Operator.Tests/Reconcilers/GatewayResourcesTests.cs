using Hoop.Api;
using Hoop.Api.V1Alpha1;
using Hoop.Operator.Reconcilers.Connections;
using k8s.Models;
using static Hoop.Operator.Tests.Reconcilers.TestObjects;

namespace Hoop.Operator.Tests.Reconcilers;

public sealed class GatewayResourcesTests
{
    private static readonly GatewayDefaults Defaults = new() { Image = "ghcr.io/hoop-operator/gateway:0.1.0" };

    [Fact]
    public void Every_object_is_named_labelled_and_owned_by_the_connection()
    {
        var resources = GatewayResources.Build(OrdersDb(), Defaults);
        foreach (var o in resources.All)
        {
            Assert.Equal("orders-db-gateway", o.Metadata.Name);
            Assert.Equal("payments", o.Metadata.NamespaceProperty);
            Assert.Equal("hoop-gateway", o.Metadata.Labels[WellKnownLabels.Name]);
            Assert.Equal("orders-db", o.Metadata.Labels[WellKnownLabels.Instance]);
            Assert.Equal("hoop-operator", o.Metadata.Labels[WellKnownLabels.ManagedBy]);
            Assert.Equal("orders-db", o.Metadata.Labels[WellKnownLabels.Connection]);
            var owner = Assert.Single(o.Metadata.OwnerReferences);
            Assert.Equal(("hoop.dev/v1alpha1", "Connection", "orders-db", "uid-orders-db", true, true),
                (owner.ApiVersion, owner.Kind, owner.Name, owner.Uid, owner.Controller, owner.BlockOwnerDeletion));
            Assert.Matches("^[0-9a-f]{32}$", o.Metadata.Annotations[WellKnownLabels.DesiredStateHash]);
        }
    }

    [Fact]
    public void The_gateway_runs_unprivileged_on_a_read_only_root()
    {
        var pod = GatewayResources.Build(OrdersDb(), Defaults).StatefulSet.Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);
        var security = container.SecurityContext;
        Assert.True(security.RunAsNonRoot);
        Assert.Equal(10001, security.RunAsUser);
        Assert.True(security.ReadOnlyRootFilesystem);
        Assert.False(security.AllowPrivilegeEscalation);
        Assert.Equal(["ALL"], security.Capabilities.Drop);
        Assert.Equal("RuntimeDefault", security.SeccompProfile.Type);
        Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
        Assert.Contains(pod.Volumes, v => v.Name == "tmp" && v.EmptyDir is not null);
        Assert.Contains(container.VolumeMounts, m => m.Name == "tmp" && m.MountPath == "/tmp");
        Assert.Equal("orders-db-gateway", pod.ServiceAccountName);
    }

    [Fact]
    public void The_container_gets_its_arguments_probes_image_and_pod_name()
    {
        var statefulSet = GatewayResources.Build(OrdersDb(), Defaults).StatefulSet;
        var container = statefulSet.Spec.Template.Spec.Containers[0];
        Assert.Equal("ghcr.io/hoop-operator/gateway:0.1.0", container.Image);
        Assert.Equal("IfNotPresent", container.ImagePullPolicy);
        Assert.Equal(["--connection", "payments/orders-db", "--listen", "0.0.0.0:5432", "--recordings", "/var/lib/hoop/recordings", "--admin-listen", "0.0.0.0:8081"], container.Args);
        Assert.Equal("/readyz", container.ReadinessProbe.HttpGet.Path);
        Assert.Equal("/healthz", container.LivenessProbe.HttpGet.Path);
        Assert.Equal("admin", container.LivenessProbe.HttpGet.Port.Value);
        Assert.Contains(container.Ports, p => p.Name == "admin" && p.ContainerPort == 8081);
        Assert.Equal("metadata.name", container.Env.Single(e => e.Name == "POD_NAME").ValueFrom.FieldRef.FieldPath);
        Assert.Equal(1, statefulSet.Spec.Replicas);
    }

    [Fact]
    public void Recording_volumes_default_to_one_gibibyte_and_follow_the_spec()
    {
        var claim = GatewayResources.Build(OrdersDb(), Defaults).StatefulSet.Spec.VolumeClaimTemplates.Single();
        Assert.Equal("recordings", claim.Metadata.Name);
        Assert.Equal("1Gi", claim.Spec.Resources.Requests["storage"].ToString());
        Assert.Null(claim.Spec.StorageClassName);

        var connection = OrdersDb();
        connection.Spec.Gateway = new GatewaySettings
        {
            Replicas = 3,
            Recording = new RecordingSettings { StorageSize = new ResourceQuantity("5Gi"), StorageClassName = "fast" },
            Resources = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("256Mi") } },
        };
        var statefulSet = GatewayResources.Build(connection, Defaults).StatefulSet;
        claim = statefulSet.Spec.VolumeClaimTemplates.Single();
        Assert.Equal("5Gi", claim.Spec.Resources.Requests["storage"].ToString());
        Assert.Equal("fast", claim.Spec.StorageClassName);
        Assert.Equal(3, statefulSet.Spec.Replicas);
        Assert.Equal("256Mi", statefulSet.Spec.Template.Spec.Containers[0].Resources.Limits["memory"].ToString());
    }

    [Theory]
    [InlineData(ConnectionType.Postgres, null, 5432, 5432)]
    [InlineData(ConnectionType.MySql, null, 3306, 3306)]
    [InlineData(ConnectionType.Ssh, null, 22, 8022)]
    [InlineData(ConnectionType.Kubernetes, null, 443, 8443)]
    [InlineData(ConnectionType.Http, null, 443, 8443)]
    [InlineData(ConnectionType.Postgres, 6432, 6432, 6432)]
    public void The_service_serves_the_protocol_port_and_the_container_listens_unprivileged(ConnectionType type, int? port, int servicePort, int containerPort)
    {
        var connection = OrdersDb(type);
        if (port is not null)
        {
            connection.Spec.Gateway = new GatewaySettings { Port = port };
        }

        var resources = GatewayResources.Build(connection, Defaults);
        var servicePortSpec = Assert.Single(resources.Service.Spec.Ports);
        Assert.Equal(servicePort, servicePortSpec.Port);
        Assert.Equal("gateway", servicePortSpec.TargetPort.Value);
        Assert.Equal("ClusterIP", resources.Service.Spec.Type);
        Assert.Contains(resources.StatefulSet.Spec.Template.Spec.Containers[0].Ports, p => p.Name == "gateway" && p.ContainerPort == containerPort);
        Assert.Equal($"orders-db-gateway.payments.svc:{servicePort}", GatewayResources.Endpoint(connection));
    }

    [Fact]
    public void The_role_grants_exactly_what_the_gateway_needs()
    {
        var connection = OrdersDb();
        connection.Spec.Target.Tls = new TargetTls { CaSecretRef = new SecretKeyReference { Name = "orders-db-ca", Key = "ca.crt" } };
        connection.Spec.Gateway = new GatewaySettings { Replicas = 2 };
        var rules = GatewayResources.Build(connection, Defaults).Role.Rules
            .Select(r => $"{string.Join(',', r.ApiGroups)}|{string.Join(',', r.Resources)}|{string.Join(',', r.Verbs)}|{string.Join(',', r.ResourceNames ?? [])}")
            .ToList();
        Assert.Equal(
        [
            "hoop.dev|connections|get,list,watch|orders-db",
            "|secrets|get|orders-db-credentials,orders-db-gateway-recording-key,orders-db-ca",
            "hoop.dev|approvalpolicies|get,list,watch|",
            "hoop.dev|accessrequests|create,get,list,watch|",
            "hoop.dev|accessrequests/status|get,patch|",
            "coordination.k8s.io|leases|create|",
            "coordination.k8s.io|leases|get,update|orders-db-gateway-orders-db-gateway-0,orders-db-gateway-orders-db-gateway-1",
            "|events|create|",
        ], rules);
    }

    [Fact]
    public void The_role_binding_binds_the_role_to_the_gateway_service_account()
    {
        var binding = GatewayResources.Build(OrdersDb(), Defaults).RoleBinding;
        Assert.Equal(("Role", "orders-db-gateway"), (binding.RoleRef.Kind, binding.RoleRef.Name));
        var subject = Assert.Single(binding.Subjects);
        Assert.Equal(("ServiceAccount", "orders-db-gateway", "payments"), (subject.Kind, subject.Name, subject.NamespaceProperty));
    }

    [Fact]
    public void The_settings_hold_no_credential_and_a_change_changes_the_hashes()
    {
        var first = GatewayResources.Build(OrdersDb(), Defaults);
        var settings = first.ConfigMap.Data[GatewayResources.SettingsFile];
        Assert.Contains("\"connection\": \"payments/orders-db\"", settings, StringComparison.Ordinal);
        Assert.Contains("orders-db-credentials", settings, StringComparison.Ordinal);
        Assert.DoesNotContain("password", settings, StringComparison.Ordinal);

        var same = GatewayResources.Build(OrdersDb(), Defaults);
        Assert.Equal(DesiredStateHash.Read(first.StatefulSet), DesiredStateHash.Read(same.StatefulSet));

        var moved = OrdersDb();
        moved.Spec.Target.Host = "orders-db-2.payments.svc";
        var changed = GatewayResources.Build(moved, Defaults);
        Assert.NotEqual(DesiredStateHash.Read(first.ConfigMap), DesiredStateHash.Read(changed.ConfigMap));
        Assert.NotEqual(DesiredStateHash.Read(first.StatefulSet), DesiredStateHash.Read(changed.StatefulSet));
        Assert.Equal(DesiredStateHash.Read(first.Service), DesiredStateHash.Read(changed.Service));
    }
}
