using Hoop.Api.Schema;
using k8s.Models;

namespace Hoop.Api.V1Alpha1;

/// <summary>
/// Connection is a target the gateway fronts: a PostgreSQL or MySQL database, an SSH host, a Kubernetes API server
/// or an HTTP service. The operator runs a gateway for it; users reach the target only through that gateway.
/// </summary>
[KubernetesEntity(Group = HoopApiGroup.Group, ApiVersion = HoopApiGroup.Version, Kind = "Connection", PluralName = "connections")]
[PrinterColumn(1, "TYPE", "string", ".spec.type", Description = "The protocol the gateway speaks.")]
[PrinterColumn(2, "TARGET", "string", ".spec.target.host", Description = "The host behind the gateway.")]
[PrinterColumn(3, "READY", "string", ".status.conditions[?(@.type==\"Ready\")].status", Description = "Whether the gateway serves.")]
[PrinterColumn(4, "ENDPOINT", "string", ".status.endpoint", Priority = 1, Description = "Where clients connect.")]
[PrinterColumn(5, "AGE", "date", ".metadata.creationTimestamp")]
public sealed class Connection() : HoopObject<ConnectionSpec, ConnectionStatus>("Connection");
