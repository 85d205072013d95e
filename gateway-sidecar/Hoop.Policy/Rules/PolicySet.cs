using Hoop.Api.V1Alpha1;

namespace Hoop.Policy.Rules;

/// <summary>
/// The ApprovalPolicies that govern one Connection, compiled. Every policy decides; the most restrictive decision
/// wins. No policy, or any broken policy, means Deny: nothing the operator cannot vouch for runs.
/// </summary>
public sealed class PolicySet
{
    private PolicySet(string connection, IReadOnlyList<CompiledPolicy> policies, IReadOnlyList<PolicyCompilation> broken)
    {
        Connection = connection;
        Policies = policies;
        Broken = broken;
    }

    public string Connection { get; }

    public IReadOnlyList<CompiledPolicy> Policies { get; }

    /// <summary>Policies that govern the Connection but did not compile.</summary>
    public IReadOnlyList<PolicyCompilation> Broken { get; }

    /// <summary>Compiles the policies that govern the named Connection, in name order.</summary>
    public static PolicySet For(string connection, IReadOnlyDictionary<string, string>? labels, IEnumerable<ApprovalPolicy> policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        var governing = policies.Where(p => ConnectionSelection.Governs(p, connection, labels));
        return Of(connection, governing);
    }

    /// <summary>Compiles the given policies as if they all governed the Connection (what <c>policy test</c> does).</summary>
    public static PolicySet Of(string connection, IEnumerable<ApprovalPolicy> policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        var compiled = policies
            .OrderBy(p => p.Metadata?.Name, StringComparer.Ordinal)
            .Select(PolicyCompiler.Compile)
            .ToList();
        return new PolicySet(connection, [.. compiled.Where(c => c.Succeeded).Select(c => c.Policy!)], [.. compiled.Where(c => !c.Succeeded)]);
    }

    public PolicyDecision Evaluate(OperationFacts operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (Broken.Count > 0)
        {
            var broken = Broken[0];
            return new PolicyDecision
            {
                Action = PolicyAction.Deny,
                Policy = broken.PolicyName,
                Message = $"denied: ApprovalPolicy {broken.PolicyName} is invalid ({broken.Problems[0]}); nothing it governs runs until it is fixed",
            };
        }

        if (Policies.Count == 0)
        {
            return new PolicyDecision
            {
                Action = PolicyAction.Deny,
                Message = $"denied: no ApprovalPolicy governs connection {Connection}; ask your platform team to add one",
            };
        }

        var decision = Policies[0].Evaluate(operation);
        for (var i = 1; i < Policies.Count; i++)
        {
            decision = PolicyDecision.MostRestrictive(decision, Policies[i].Evaluate(operation));
        }

        return decision;
    }

    /// <summary>Decides a batch (a multi-statement query, a script): its most restrictive statement's decision.</summary>
    public PolicyDecision EvaluateBatch(IReadOnlyList<OperationFacts> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        if (operations.Count == 0)
        {
            return Evaluate(new SqlStatementFacts(StatementKind.Read, [], true, ""));
        }

        var decision = Evaluate(operations[0]);
        for (var i = 1; i < operations.Count; i++)
        {
            decision = PolicyDecision.MostRestrictive(decision, Evaluate(operations[i]));
        }

        return decision;
    }
}
