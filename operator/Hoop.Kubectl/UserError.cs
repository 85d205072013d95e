namespace Hoop.Kubectl;

/// <summary>A failure the user can fix: printed as <c>error: MESSAGE</c> without a stack trace, exit code 1.</summary>
internal sealed class UserError(string message) : Exception(message);
