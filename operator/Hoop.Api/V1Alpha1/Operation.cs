using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Hoop.Api.Schema;

namespace Hoop.Api.V1Alpha1;

/// <summary>Exactly one operation: a SQL statement, an SSH command, a Kubernetes request, an HTTP request or a session.</summary>
[CelRule("(has(self.sql) ? 1 : 0) + (has(self.ssh) ? 1 : 0) + (has(self.kubernetes) ? 1 : 0) + (has(self.http) ? 1 : 0) + (has(self.session) ? 1 : 0) == 1",
    "set exactly one of sql, ssh, kubernetes, http and session")]
public sealed class Operation
{
    /// <summary>SQL to run on a postgres or mysql Connection.</summary>
    [JsonPropertyName("sql")]
    public SqlOperation? Sql { get; set; }

    /// <summary>A command to run on an ssh Connection.</summary>
    [JsonPropertyName("ssh")]
    public SshOperation? Ssh { get; set; }

    /// <summary>A request to send to a kubernetes Connection.</summary>
    [JsonPropertyName("kubernetes")]
    public KubernetesOperation? Kubernetes { get; set; }

    /// <summary>A request to send to an http Connection.</summary>
    [JsonPropertyName("http")]
    public HttpOperation? Http { get; set; }

    /// <summary>A time-boxed session in which the policy's approval rules are lifted for the requester.</summary>
    [JsonPropertyName("session")]
    public SessionOperation? Session { get; set; }

    /// <summary>SHA-256 of the operation as held, so the gateway runs exactly what was approved.</summary>
    [RegularExpression(Patterns.Sha256)]
    [JsonPropertyName("sha256")]
    public string? Sha256 { get; set; }
}

/// <summary>SQL, exactly as it will run.</summary>
public sealed class SqlOperation
{
    /// <summary>The statement or script. Runs as one transaction when execution is Gateway.</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(262144)]
    [JsonPropertyName("statement")]
    public string Statement { get; set; } = "";

    /// <summary>The database to run it in; the Connection's when absent.</summary>
    [MaxLength(63)]
    [JsonPropertyName("database")]
    public string? Database { get; set; }

    /// <summary>Bound parameters of a held extended-protocol statement, summarized and masked.</summary>
    [MaxLength(64)]
    [JsonPropertyName("parameters")]
    public IList<string>? Parameters { get; set; }

    /// <summary>The gateway session holding the statement, when a client waits on it.</summary>
    [MaxLength(128)]
    [JsonPropertyName("sessionId")]
    public string? SessionId { get; set; }
}

/// <summary>An SSH command.</summary>
public sealed class SshOperation
{
    /// <summary>The command line, run by the target user's shell.</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(65536)]
    [JsonPropertyName("command")]
    public string Command { get; set; } = "";

    /// <summary>The gateway session holding the command, when a client waits on it.</summary>
    [MaxLength(128)]
    [JsonPropertyName("sessionId")]
    public string? SessionId { get; set; }
}

/// <summary>A Kubernetes API request.</summary>
public sealed class KubernetesOperation
{
    /// <summary>The verb, as the API server names it (get, list, create, patch, delete...).</summary>
    [Required]
    [RegularExpression("^(get|list|watch|create|update|patch|delete|deletecollection|proxy|connect)$")]
    [JsonPropertyName("verb")]
    public string Verb { get; set; } = "";

    /// <summary>The API group; "" for the core group.</summary>
    [MaxLength(253)]
    [JsonPropertyName("apiGroup")]
    public string? ApiGroup { get; set; }

    /// <summary>The API version, e.g. v1.</summary>
    [Required]
    [MaxLength(64)]
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "";

    /// <summary>The resource (plural).</summary>
    [Required]
    [MaxLength(253)]
    [JsonPropertyName("resource")]
    public string Resource { get; set; } = "";

    /// <summary>The subresource, e.g. scale or exec.</summary>
    [MaxLength(64)]
    [JsonPropertyName("subresource")]
    public string? Subresource { get; set; }

    /// <summary>The namespace; absent for cluster-scoped resources.</summary>
    [MaxLength(63)]
    [JsonPropertyName("namespace")]
    public string? Namespace { get; set; }

    /// <summary>The object's name; absent for collections.</summary>
    [MaxLength(253)]
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>The request body (JSON or YAML), exactly as sent.</summary>
    [MaxLength(262144)]
    [JsonPropertyName("body")]
    public string? Body { get; set; }
}

/// <summary>An HTTP request.</summary>
public sealed class HttpOperation
{
    /// <summary>The method, e.g. POST.</summary>
    [Required]
    [RegularExpression("^[A-Z]+$")]
    [MaxLength(16)]
    [JsonPropertyName("method")]
    public string Method { get; set; } = "";

    /// <summary>The path with its query string, e.g. <c>/admin/users/42?force=true</c>.</summary>
    [Required]
    [RegularExpression("^/.*$")]
    [MaxLength(8192)]
    [JsonPropertyName("path")]
    public string Path { get; set; } = "";

    /// <summary>The request body, exactly as sent.</summary>
    [MaxLength(262144)]
    [JsonPropertyName("body")]
    public string? Body { get; set; }
}

/// <summary>A time-boxed session: for its duration, operations the policy would hold run for this requester.</summary>
public sealed class SessionOperation
{
    /// <summary>How long the session lasts once approved, e.g. <c>1h</c>.</summary>
    [Required]
    [Duration("1m", "12h")]
    [JsonPropertyName("duration")]
    public string Duration { get; set; } = "";
}
