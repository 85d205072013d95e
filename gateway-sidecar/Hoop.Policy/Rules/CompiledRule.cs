using Hoop.Api.V1Alpha1;

namespace Hoop.Policy.Rules;

/// <summary>One policy rule ready to match: at most one of the per-type matches is set; none means every operation.</summary>
internal sealed class CompiledRule
{
    public required string Name { get; init; }

    public required PolicyAction Action { get; init; }

    public ApprovalNeed? Approvals { get; init; }

    public TimeSpan? Timeout { get; init; }

    public bool RequireReason { get; init; }

    public SqlRuleMatch? Sql { get; init; }

    public SshRuleMatch? Ssh { get; init; }

    public KubernetesRuleMatch? Kubernetes { get; init; }

    public HttpRuleMatch? Http { get; init; }

    private bool MatchesEverything => Sql is null && Ssh is null && Kubernetes is null && Http is null;

    public bool Matches(OperationFacts operation)
    {
        if (MatchesEverything)
        {
            return true;
        }

        var breadth = Action == PolicyAction.Allow ? MatchBreadth.Strict : MatchBreadth.Loose;
        return operation switch
        {
            SqlStatementFacts statement => Sql?.Matches(statement, breadth) ?? false,
            SshCommandFacts command => Ssh?.Matches(command, breadth) ?? false,
            KubernetesRequestFacts request => Kubernetes?.Matches(request, breadth) ?? false,
            HttpRequestFacts request => Http?.Matches(request) ?? false,
            _ => false,
        };
    }
}
