using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Hoop.Api.Schema;

namespace Hoop.Api.V1Alpha1;

/// <summary>The operation asked for. Immutable: to ask for something else, create a new AccessRequest.</summary>
[CelRule("self == oldSelf", "spec is immutable: create a new AccessRequest to ask for something else")]
[CelRule("!self.breakGlass || (has(self.reason) && size(self.reason) > 0)",
    "a break-glass request must give a reason", FieldPath = ".reason")]
[CelRule("self.execution == 'Client' || !has(self.operation.session)",
    "a session is opened by the client: set execution to Client", FieldPath = ".execution")]
public sealed class AccessRequestSpec
{
    /// <summary>The Connection the operation runs on, in this namespace.</summary>
    [Required]
    [JsonPropertyName("connectionRef")]
    public ConnectionReference ConnectionRef { get; set; } = new();

    /// <summary>Who asks. Stamped by the admission webhook from the authenticated user; never trusted from the client.</summary>
    [JsonPropertyName("requester")]
    public Requester? Requester { get; set; }

    /// <summary>Why the operation is needed, for the reviewers.</summary>
    [MaxLength(1024)]
    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    /// <summary>The change ticket or incident the operation belongs to, e.g. <c>CHG-1234</c>.</summary>
    [MaxLength(128)]
    [JsonPropertyName("ticket")]
    public string? Ticket { get; set; }

    /// <summary>Exactly what is to run.</summary>
    [Required]
    [JsonPropertyName("operation")]
    public Operation Operation { get; set; } = new();

    /// <summary>
    /// Gateway: once approved, the gateway runs the operation itself and records the result (the GitOps and CI path).
    /// Client: the operation a client holds open at the gateway is released to run.
    /// </summary>
    [DefaultValue("Gateway")]
    [JsonPropertyName("execution")]
    public ExecutionMode Execution { get; set; } = ExecutionMode.Gateway;

    /// <summary>An emergency: a member of the policy's breakGlass groups may approve it alone. Marked, evented and notified.</summary>
    [DefaultValue(false)]
    [JsonPropertyName("breakGlass")]
    public bool BreakGlass { get; set; }
}

/// <summary>Who runs an approved operation.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ExecutionMode>))]
public enum ExecutionMode
{
    Gateway,
    Client,
}

/// <summary>The authenticated identity behind a request.</summary>
public sealed class Requester
{
    /// <summary>The user name as authenticated (Kubernetes userInfo or the gateway's token check).</summary>
    [Required]
    [MaxLength(256)]
    [JsonPropertyName("username")]
    public string Username { get; set; } = "";

    /// <summary>The user's UID as authenticated, when the authenticator gives one.</summary>
    [MaxLength(256)]
    [JsonPropertyName("uid")]
    public string? Uid { get; set; }

    /// <summary>The user's groups as authenticated.</summary>
    [MaxLength(64)]
    [JsonPropertyName("groups")]
    public IList<string>? Groups { get; set; }

    /// <summary>The gateway ServiceAccount that authenticated the user on the data path and created the request for them.</summary>
    [MaxLength(256)]
    [JsonPropertyName("via")]
    public string? Via { get; set; }
}
