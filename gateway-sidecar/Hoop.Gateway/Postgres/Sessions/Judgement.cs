using Hoop.Api.V1Alpha1;
using PolicyDecision = Hoop.Policy.Rules.PolicyDecision;

namespace Hoop.Gateway.Postgres.Sessions;

/// <summary>What the policies decided for a batch, and what the gateway understood of it.</summary>
internal sealed record Judgement(PolicyDecision Decision, StatementKind Kind, IReadOnlyList<string> Tables)
{
    public PolicyAction Action => Decision.Action;

    /// <summary>The kind as policies and recordings spell it (read, write, ddl...).</summary>
    public string KindName => Kind.ToString().ToLowerInvariant();
}
