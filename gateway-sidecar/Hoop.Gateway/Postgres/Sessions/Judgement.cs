using Hoop.Api.V1Alpha1;
using PolicyDecision = Hoop.Policy.Rules.PolicyDecision;

namespace Hoop.Gateway.Postgres.Sessions;

/// <summary>What the policies decided for a batch, and what the gateway understood of it.</summary>
/// <param name="Decision">What the policies decided for the batch as a whole.</param>
/// <param name="Kind">The most privileged kind of its statements.</param>
/// <param name="Tables">The tables it touches, where they can be known.</param>
/// <param name="CopiesOut">Whether a statement is a <c>COPY ... TO STDOUT</c>, whose rows arrive as COPY data the gateway cannot mask.</param>
internal sealed record Judgement(PolicyDecision Decision, StatementKind Kind, IReadOnlyList<string> Tables, bool CopiesOut)
{
    public PolicyAction Action => Decision.Action;

    /// <summary>The kind as policies and recordings spell it (read, write, ddl...).</summary>
    public string KindName => EnumText<StatementKind>.LowerOf(Kind);
}
