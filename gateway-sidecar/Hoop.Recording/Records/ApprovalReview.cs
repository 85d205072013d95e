namespace Hoop.Recording.Records;

/// <summary>One reviewer's decision on an AccessRequest, as the operator recorded it in the request's status.</summary>
public sealed record ApprovalReview(string Reviewer, string Decision, string? Comment, DateTimeOffset Time);
