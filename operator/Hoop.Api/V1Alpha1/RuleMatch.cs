using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Hoop.Api.Schema;

namespace Hoop.Api.V1Alpha1;

/// <summary>
/// Which operations a rule matches. Set the part for the Connection's type; within a part, every field that is set
/// must match, and a list matches when any of its entries does.
/// </summary>
[CelRule("(has(self.sql) ? 1 : 0) + (has(self.ssh) ? 1 : 0) + (has(self.kubernetes) ? 1 : 0) + (has(self.http) ? 1 : 0) <= 1",
    "set at most one of sql, ssh, kubernetes and http in one rule; write one rule per connection type")]
public sealed class RuleMatch
{
    /// <summary>SQL statements (postgres and mysql connections).</summary>
    [JsonPropertyName("sql")]
    public SqlMatch? Sql { get; set; }

    /// <summary>SSH commands and sessions.</summary>
    [JsonPropertyName("ssh")]
    public SshMatch? Ssh { get; set; }

    /// <summary>Kubernetes API requests.</summary>
    [JsonPropertyName("kubernetes")]
    public KubernetesMatch? Kubernetes { get; set; }

    /// <summary>HTTP requests.</summary>
    [JsonPropertyName("http")]
    public HttpMatch? Http { get; set; }
}

/// <summary>Matches SQL statements by what they do, by text and by the tables they touch.</summary>
public sealed class SqlMatch
{
    /// <summary>Statement kinds. A batch has the kind of its most privileged statement; what is not understood is unknown.</summary>
    [MaxLength(8)]
    [JsonPropertyName("kinds")]
    public IList<StatementKind>? Kinds { get; set; }

    /// <summary>Regular expressions (RE2 syntax) on the normalized statement text: comments removed, whitespace collapsed.</summary>
    [MaxLength(32)]
    [JsonPropertyName("patterns")]
    public IList<string>? Patterns { get; set; }

    /// <summary>Globs on the tables a statement touches (<c>users</c>, <c>billing.*</c>).</summary>
    [MaxLength(64)]
    [JsonPropertyName("tables")]
    public IList<string>? Tables { get; set; }
}

/// <summary>What a SQL statement does.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StatementKind>))]
public enum StatementKind
{
    [JsonStringEnumMemberName("read")]
    Read,

    [JsonStringEnumMemberName("write")]
    Write,

    [JsonStringEnumMemberName("ddl")]
    Ddl,

    [JsonStringEnumMemberName("dcl")]
    Dcl,

    [JsonStringEnumMemberName("transaction")]
    Transaction,

    [JsonStringEnumMemberName("session")]
    Session,

    [JsonStringEnumMemberName("admin")]
    Admin,

    [JsonStringEnumMemberName("unknown")]
    Unknown,
}

/// <summary>Matches SSH commands by glob on the command line, seen through <c>sh -c</c>, pipes and command lists.</summary>
public sealed class SshMatch
{
    /// <summary>Globs on each command (<c>systemctl restart *</c>, <c>rm *</c>).</summary>
    [MaxLength(64)]
    [JsonPropertyName("commands")]
    public IList<string>? Commands { get; set; }

    /// <summary>Whether the rule matches interactive shell sessions (no command).</summary>
    [JsonPropertyName("interactive")]
    public bool? Interactive { get; set; }
}

/// <summary>Matches Kubernetes API requests, parsed from the request path the way the API server does.</summary>
public sealed class KubernetesMatch
{
    /// <summary>Verbs: get, list, watch, create, update, patch, delete, deletecollection, or * for all.</summary>
    [MaxLength(16)]
    [JsonPropertyName("verbs")]
    public IList<string>? Verbs { get; set; }

    /// <summary>API groups; "" is the core group.</summary>
    [MaxLength(32)]
    [JsonPropertyName("apiGroups")]
    public IList<string>? ApiGroups { get; set; }

    /// <summary>Resources (plural), e.g. deployments, secrets.</summary>
    [MaxLength(64)]
    [JsonPropertyName("resources")]
    public IList<string>? Resources { get; set; }

    /// <summary>Subresources, e.g. exec, log, scale, status.</summary>
    [MaxLength(16)]
    [JsonPropertyName("subresources")]
    public IList<string>? Subresources { get; set; }

    /// <summary>Namespace globs.</summary>
    [MaxLength(64)]
    [JsonPropertyName("namespaces")]
    public IList<string>? Namespaces { get; set; }

    /// <summary>Object name globs.</summary>
    [MaxLength(64)]
    [JsonPropertyName("names")]
    public IList<string>? Names { get; set; }
}

/// <summary>Matches HTTP requests by method and path.</summary>
public sealed class HttpMatch
{
    /// <summary>Methods, e.g. GET, POST, DELETE.</summary>
    [MaxLength(16)]
    [JsonPropertyName("methods")]
    public IList<string>? Methods { get; set; }

    /// <summary>Path globs: <c>*</c> within a segment, <c>**</c> across segments (<c>/admin/**</c>).</summary>
    [MaxLength(64)]
    [JsonPropertyName("paths")]
    public IList<string>? Paths { get; set; }
}
