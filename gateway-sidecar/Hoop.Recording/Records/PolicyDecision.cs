namespace Hoop.Recording.Records;

/// <summary>What policy decided for a statement: the action and the ApprovalPolicy and rule that decided it.</summary>
public sealed record PolicyDecision(string Action, string? Policy, string? Rule);
