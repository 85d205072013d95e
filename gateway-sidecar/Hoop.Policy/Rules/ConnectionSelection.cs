using Hoop.Api.V1Alpha1;
using k8s.Models;

namespace Hoop.Policy.Rules;

/// <summary>
/// Whether an ApprovalPolicy governs a Connection: by name in <c>spec.connections</c>, or by labels with
/// <c>spec.connectionSelector</c> (Kubernetes label selector semantics). A selector that cannot be evaluated selects
/// the Connection, so a mistyped selector makes its policy refuse things rather than silently govern nothing.
/// </summary>
public static class ConnectionSelection
{
    public static bool Governs(ApprovalPolicy policy, string connectionName, IReadOnlyDictionary<string, string>? connectionLabels)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var spec = policy.Spec ?? new ApprovalPolicySpec();
        if (spec.Connections is { } names)
        {
            return names.Contains(connectionName, StringComparer.Ordinal);
        }

        return spec.ConnectionSelector is { } selector && Selects(selector, connectionLabels ?? new Dictionary<string, string>());
    }

    /// <summary>Problems with a selector, with their field paths; empty when it can be evaluated.</summary>
    public static IEnumerable<PolicyProblem> Check(V1LabelSelector? selector, string path)
    {
        var expressions = selector?.MatchExpressions ?? [];
        for (var i = 0; i < expressions.Count; i++)
        {
            var e = expressions[i];
            var values = e.Values?.Count ?? 0;
            var problem = e.OperatorProperty switch
            {
                "In" or "NotIn" when values == 0 => $"operator {e.OperatorProperty} needs at least one value",
                "Exists" or "DoesNotExist" when values > 0 => $"operator {e.OperatorProperty} takes no values",
                "In" or "NotIn" or "Exists" or "DoesNotExist" => null,
                _ => $"operator '{e.OperatorProperty}' is not one of In, NotIn, Exists, DoesNotExist",
            };
            if (problem is not null)
            {
                yield return new PolicyProblem($"{path}.matchExpressions[{i}]", problem);
            }
        }
    }

    private static bool Selects(V1LabelSelector selector, IReadOnlyDictionary<string, string> labels)
    {
        foreach (var (key, value) in selector.MatchLabels ?? new Dictionary<string, string>())
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        foreach (var e in selector.MatchExpressions ?? [])
        {
            var has = labels.TryGetValue(e.Key ?? "", out var actual);
            var inValues = has && (e.Values?.Contains(actual!) ?? false);
            var holds = e.OperatorProperty switch
            {
                "In" => inValues,
                "NotIn" => !inValues,
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => true,
            };
            if (!holds)
            {
                return false;
            }
        }

        return true;
    }
}
