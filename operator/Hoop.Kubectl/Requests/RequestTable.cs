using Hoop.Api.V1Alpha1;
using Hoop.Kubectl.Output;

namespace Hoop.Kubectl.Requests;

/// <summary>The rows of <c>kubectl hoop list</c>; <c>-o wide</c> adds the policy, rule, ticket and expiry.</summary>
internal static class RequestTable
{
    public static IReadOnlyList<string[]> Rows(IReadOnlyList<AccessRequest> requests, bool withNamespace, bool wide, DateTimeOffset now)
    {
        var rows = new List<string[]> { Row(withNamespace, wide, "NAMESPACE", "NAME", "CONNECTION", "REQUESTER", "OPERATION", "APPROVALS", "PHASE", "AGE", "POLICY", "RULE", "TICKET", "EXPIRES") };
        foreach (var r in requests)
        {
            rows.Add(Row(withNamespace, wide,
                r.Metadata.NamespaceProperty ?? "",
                r.Metadata.Name ?? "",
                r.Spec.ConnectionRef.Name,
                r.Spec.Requester?.Username ?? "<none>",
                RequestText.Operation(r.Spec.Operation),
                RequestText.Approvals(r),
                RequestText.Phase(r),
                Age.Since(r.Metadata.CreationTimestamp, now),
                r.Status?.Policy ?? "<none>",
                r.Status?.Rule ?? "<none>",
                r.Spec.Ticket ?? "<none>",
                r.Status?.ExpiresAt is { } expires ? Expiry(expires, now) : "<none>"));
        }

        return rows;
    }

    private static string Expiry(DateTime expires, DateTimeOffset now)
    {
        var left = new DateTimeOffset(DateTime.SpecifyKind(expires.ToUniversalTime(), DateTimeKind.Utc)) - now;
        return left > TimeSpan.Zero ? "in " + Age.Format(left) : Age.Format(-left) + " ago";
    }

    private static string[] Row(bool withNamespace, bool wide, params string[] cells)
    {
        IEnumerable<string> row = cells[1..8];
        if (withNamespace)
        {
            row = row.Prepend(cells[0]);
        }

        if (wide)
        {
            row = row.Concat(cells[8..]);
        }

        return [.. row];
    }
}
