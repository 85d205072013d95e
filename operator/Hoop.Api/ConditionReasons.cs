namespace Hoop.Api;

/// <summary>Reasons on conditions (CamelCase, as Kubernetes expects), named so users know what to do.</summary>
public static class ConditionReasons
{
    public const string Reconciling = "Reconciling";
    public const string Available = "Available";
    public const string SecretNotFound = "SecretNotFound";
    public const string InvalidTarget = "InvalidTarget";
    public const string GatewayUnavailable = "GatewayUnavailable";
    public const string InvalidRules = "InvalidRules";
    public const string Valid = "Valid";
    public const string ConnectionNotFound = "ConnectionNotFound";
    public const string NoPolicy = "NoPolicy";
    public const string AwaitingApproval = "AwaitingApproval";
    public const string QuorumReached = "QuorumReached";
    public const string DeniedByReviewer = "DeniedByReviewer";
    public const string TimedOut = "TimedOut";
    public const string EmergencyAccess = "EmergencyAccess";
    public const string MissingCredentials = "MissingCredentials";
    public const string AllowedByPolicy = "AllowedByPolicy";
    public const string DeniedByPolicy = "DeniedByPolicy";
    public const string ReasonRequired = "ReasonRequired";
    public const string InvalidOperation = "InvalidOperation";
}
