using Hoop.Api.V1Alpha1;

namespace Hoop.Policy.Rules;

/// <summary>An ApprovalPolicy whose rules compiled; evaluates operations, first matching rule wins.</summary>
public sealed class CompiledPolicy
{
    private readonly IReadOnlyList<CompiledRule> _rules;

    internal CompiledPolicy(string name, IReadOnlyList<CompiledRule> rules, PolicyAction defaultAction, ApprovalNeed defaultApprovals, IReadOnlyList<string> breakGlassGroups)
    {
        Name = name;
        _rules = rules;
        DefaultAction = defaultAction;
        DefaultApprovals = defaultApprovals;
        BreakGlassGroups = breakGlassGroups;
    }

    public string Name { get; }

    public PolicyAction DefaultAction { get; }

    public ApprovalNeed DefaultApprovals { get; }

    public IReadOnlyList<string> BreakGlassGroups { get; }

    public IEnumerable<string> RuleNames => _rules.Select(r => r.Name);

    public PolicyDecision Evaluate(OperationFacts operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        foreach (var rule in _rules)
        {
            if (rule.Matches(operation))
            {
                return new PolicyDecision
                {
                    Action = rule.Action,
                    Policy = Name,
                    Rule = rule.Name,
                    Approvals = rule.Action == PolicyAction.RequireApproval ? rule.Approvals ?? DefaultApprovals : null,
                    Timeout = rule.Action == PolicyAction.RequireApproval ? rule.Timeout : null,
                    RequireReason = rule.RequireReason,
                    BreakGlassGroups = BreakGlassGroups,
                    Message = Describe(rule.Action, $"rule {rule.Name} of ApprovalPolicy {Name}", rule.Approvals ?? DefaultApprovals),
                };
            }
        }

        return new PolicyDecision
        {
            Action = DefaultAction,
            Policy = Name,
            Approvals = DefaultAction == PolicyAction.RequireApproval ? DefaultApprovals : null,
            BreakGlassGroups = BreakGlassGroups,
            Message = Describe(DefaultAction, $"the defaultAction of ApprovalPolicy {Name} (no rule matched)", DefaultApprovals),
        };
    }

    private static string Describe(PolicyAction action, string source, ApprovalNeed approvals) => action switch
    {
        PolicyAction.Allow => $"allowed by {source}",
        PolicyAction.Deny => $"denied by {source}",
        _ => $"needs {approvals} under {source}",
    };
}
