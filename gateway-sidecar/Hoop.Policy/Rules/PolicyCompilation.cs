namespace Hoop.Policy.Rules;

/// <summary>The outcome of compiling one ApprovalPolicy: the compiled policy, or the problems that stop it.</summary>
public sealed record PolicyCompilation(string PolicyName, CompiledPolicy? Policy, IReadOnlyList<PolicyProblem> Problems)
{
    public bool Succeeded => Policy is not null;
}

/// <summary>One thing wrong with a policy: the field (<c>spec.rules[2].match.sql.patterns[0]</c>) and what to do about it.</summary>
public sealed record PolicyProblem(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
