using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Hoop.Api.Schema;
using k8s.Models;

namespace Hoop.Api.V1Alpha1;

/// <summary>Where an AccessRequest stands. Reviewers append to reviews; everything else is written by the operator and gateways.</summary>
public sealed class AccessRequestStatus
{
    /// <summary>The metadata.generation the operator last acted on.</summary>
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }

    /// <summary>Pending, then Approved, Denied, Expired or Cancelled; an approved operation then goes Executing, Succeeded or Failed.</summary>
    [JsonPropertyName("phase")]
    public AccessRequestPhase? Phase { get; set; }

    /// <summary>The ApprovalPolicy whose rule decided.</summary>
    [JsonPropertyName("policy")]
    public string? Policy { get; set; }

    /// <summary>The rule that matched, or <c>defaultAction</c> when none did.</summary>
    [JsonPropertyName("rule")]
    public string? Rule { get; set; }

    /// <summary>How many approvals the rule requires.</summary>
    [JsonPropertyName("requiredApprovals")]
    public int? RequiredApprovals { get; set; }

    /// <summary>Approvals given of those required, e.g. <c>1/2</c>.</summary>
    [JsonPropertyName("approvals")]
    public string? Approvals { get; set; }

    /// <summary>When the request expires if it is not decided by then.</summary>
    [JsonPropertyName("expiresAt")]
    public DateTime? ExpiresAt { get; set; }

    /// <summary>
    /// Reviews in the order given. Append-only: a reviewer adds one entry with a JSON patch (<c>add /status/reviews/-</c>);
    /// the webhook stamps reviewer and groups from the authenticated user. Entries are never changed or removed.
    /// </summary>
    [MaxLength(32)]
    [CelRule("size(self) >= size(oldSelf) && oldSelf.all(r, r in self)", "reviews are append-only: existing reviews cannot be changed or removed")]
    [JsonPropertyName("reviews")]
    public IList<Review>? Reviews { get; set; }

    /// <summary>Ready, Progressing and Degraded, plus BreakGlass when the request was approved as an emergency.</summary>
    [JsonPropertyName("conditions")]
    public IList<V1Condition>? Conditions { get; set; }

    /// <summary>What happened when the operation ran.</summary>
    [JsonPropertyName("execution")]
    public ExecutionStatus? Execution { get; set; }
}

/// <summary>The lifecycle of an AccessRequest.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AccessRequestPhase>))]
public enum AccessRequestPhase
{
    Pending,
    Approved,
    Denied,
    Expired,
    Cancelled,
    Executing,
    Succeeded,
    Failed,
}

/// <summary>One reviewer's decision.</summary>
public sealed class Review
{
    /// <summary>The reviewer as authenticated; stamped by the webhook.</summary>
    [Required]
    [MaxLength(256)]
    [JsonPropertyName("reviewer")]
    public string Reviewer { get; set; } = "";

    /// <summary>The reviewer's groups as authenticated; stamped by the webhook.</summary>
    [MaxLength(64)]
    [JsonPropertyName("groups")]
    public IList<string>? Groups { get; set; }

    /// <summary>Approve or Deny.</summary>
    [Required]
    [JsonPropertyName("decision")]
    public ReviewDecision Decision { get; set; }

    /// <summary>What the reviewer says about it.</summary>
    [MaxLength(1024)]
    [JsonPropertyName("comment")]
    public string? Comment { get; set; }

    /// <summary>When the review was given; stamped by the webhook.</summary>
    [JsonPropertyName("time")]
    public DateTime? Time { get; set; }
}

/// <summary>A reviewer's decision.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReviewDecision>))]
public enum ReviewDecision
{
    Approve,
    Deny,
}

/// <summary>The outcome of running an approved operation.</summary>
public sealed class ExecutionStatus
{
    /// <summary>The gateway replica that ran it.</summary>
    [JsonPropertyName("executedBy")]
    public string? ExecutedBy { get; set; }

    /// <summary>When the gateway started running it.</summary>
    [JsonPropertyName("startedAt")]
    public DateTime? StartedAt { get; set; }

    /// <summary>When it finished, successfully or not.</summary>
    [JsonPropertyName("finishedAt")]
    public DateTime? FinishedAt { get; set; }

    /// <summary>Rows the SQL changed or returned.</summary>
    [JsonPropertyName("rowsAffected")]
    public long? RowsAffected { get; set; }

    /// <summary>Exit status of an SSH command.</summary>
    [JsonPropertyName("exitCode")]
    public int? ExitCode { get; set; }

    /// <summary>HTTP status of a Kubernetes or HTTP request.</summary>
    [JsonPropertyName("statusCode")]
    public int? StatusCode { get; set; }

    /// <summary>Why it failed, masked like everything the gateway writes.</summary>
    [JsonPropertyName("error")]
    public string? Error { get; set; }

    /// <summary>The recording of the session that ran it.</summary>
    [JsonPropertyName("recording")]
    public RecordingReference? Recording { get; set; }
}

/// <summary>Points at a session recording and pins its content.</summary>
public sealed class RecordingReference
{
    /// <summary>The session id; <c>kubectl hoop replay SESSION</c> shows it.</summary>
    [Required]
    [JsonPropertyName("session")]
    public string Session { get; set; } = "";

    /// <summary>The replay log file, relative to the gateway's recording volume.</summary>
    [JsonPropertyName("file")]
    public string? File { get; set; }

    /// <summary>SHA-256 of the signed chain head at the end of the recording; <c>kubectl hoop verify</c> checks it.</summary>
    [RegularExpression(Patterns.Sha256)]
    [JsonPropertyName("sha256")]
    public string? Sha256 { get; set; }
}
