using System.Text.RegularExpressions;
using Hoop.Api;
using Hoop.Api.V1Alpha1;
using Hoop.Policy.Matching;

namespace Hoop.Policy.Rules;

/// <summary>
/// Checks an ApprovalPolicy and compiles its rules. Every problem is reported with the field it concerns, so the
/// ApprovalPolicy reconciler and <c>kubectl hoop policy test</c> can show them all at once; a policy with problems
/// does not compile, and the gateway then refuses what it would have governed.
/// </summary>
public static class PolicyCompiler
{
    private static readonly TimeSpan MinimumTimeout = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaximumTimeout = TimeSpan.FromHours(168);

    private static readonly HashSet<string> KubernetesVerbs =
        ["*", "get", "list", "watch", "create", "update", "patch", "delete", "deletecollection", "proxy", "connect"];

    public static PolicyCompilation Compile(ApprovalPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var problems = new List<PolicyProblem>();
        var name = policy.Metadata?.Name ?? "";
        var spec = policy.Spec ?? new ApprovalPolicySpec();

        var rules = new List<CompiledRule>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (spec.Rules?.Count ?? 0); i++)
        {
            var rule = spec.Rules![i];
            var path = $"spec.rules[{i}]";
            if (rule is null)
            {
                problems.Add(new(path, "a rule is empty; give it a name, a match and an action"));
                continue;
            }

            if (string.IsNullOrEmpty(rule.Name))
            {
                problems.Add(new($"{path}.name", "the rule has no name; decisions and reviews refer to rules by name"));
            }
            else if (!seen.Add(rule.Name))
            {
                problems.Add(new($"{path}.name", $"rule name {rule.Name} is used twice; rule names must be unique"));
            }

            var compiled = CompileRule(rule, path, problems);
            if (compiled is not null)
            {
                rules.Add(compiled);
            }
        }

        problems.AddRange(ConnectionSelection.Check(spec.ConnectionSelector, "spec.connectionSelector"));
        if ((spec.ConnectionSelector is null) == (spec.Connections is null))
        {
            problems.Add(new("spec", "set exactly one of connectionSelector and connections, so it is clear which Connections the policy governs"));
        }

        CheckAction(spec.DefaultAction, "spec.defaultAction", problems);
        var defaultApprovals = CompileApprovals(spec.DefaultApprovals, "spec.defaultApprovals", problems);
        var breakGlass = spec.BreakGlass?.Groups ?? [];
        for (var i = 0; i < breakGlass.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(breakGlass[i]))
            {
                problems.Add(new($"spec.breakGlass.groups[{i}]", "a break-glass group is empty; name the group whose members may self-approve"));
            }
        }

        return problems.Count > 0
            ? new PolicyCompilation(name, null, problems)
            : new PolicyCompilation(name, new CompiledPolicy(name, rules, spec.DefaultAction, defaultApprovals, [.. breakGlass]), problems);
    }

    private static CompiledRule? CompileRule(PolicyRule rule, string path, List<PolicyProblem> problems)
    {
        var before = problems.Count;
        CheckAction(rule.Action, $"{path}.action", problems);
        if (rule.Approvals is not null && rule.Action != PolicyAction.RequireApproval)
        {
            problems.Add(new($"{path}.approvals", "approvals may only be set when action is RequireApproval"));
        }

        var approvals = rule.Approvals is null ? null : CompileApprovals(rule.Approvals, $"{path}.approvals", problems);
        TimeSpan? timeout = null;
        if (rule.Timeout is not null)
        {
            if (rule.Action != PolicyAction.RequireApproval)
            {
                problems.Add(new($"{path}.timeout", "timeout may only be set when action is RequireApproval"));
            }
            else if (!GoDuration.TryParse(rule.Timeout, out var parsed) || parsed < MinimumTimeout || parsed > MaximumTimeout)
            {
                problems.Add(new($"{path}.timeout", $"timeout '{rule.Timeout}' must be a duration between 1m and 168h, e.g. 30m or 4h"));
            }
            else
            {
                timeout = parsed;
            }
        }

        var match = rule.Match ?? new RuleMatch();
        var parts = (match.Sql is null ? 0 : 1) + (match.Ssh is null ? 0 : 1) + (match.Kubernetes is null ? 0 : 1) + (match.Http is null ? 0 : 1);
        if (parts > 1)
        {
            problems.Add(new($"{path}.match", "set at most one of sql, ssh, kubernetes and http in one rule; write one rule per connection type"));
        }

        var compiled = new CompiledRule
        {
            Name = rule.Name,
            Action = rule.Action,
            Approvals = approvals,
            Timeout = timeout,
            RequireReason = rule.RequireReason ?? false,
            Sql = match.Sql is null ? null : RuleMatchCompiler.Sql(match.Sql, $"{path}.match.sql", problems),
            Ssh = match.Ssh is null ? null : RuleMatchCompiler.Ssh(match.Ssh, $"{path}.match.ssh", problems),
            Kubernetes = match.Kubernetes is null ? null : RuleMatchCompiler.Kubernetes(match.Kubernetes, $"{path}.match.kubernetes", problems),
            Http = match.Http is null ? null : RuleMatchCompiler.Http(match.Http, $"{path}.match.http", problems),
        };
        return problems.Count == before ? compiled : null;
    }

    private static void CheckAction(PolicyAction action, string path, List<PolicyProblem> problems)
    {
        if (!Enum.IsDefined(action))
        {
            problems.Add(new(path, "the action must be Allow, Deny or RequireApproval"));
        }
    }

    private static ApprovalNeed CompileApprovals(ApprovalRequirement? approvals, string path, List<PolicyProblem> problems)
    {
        if (approvals is null)
        {
            return new ApprovalNeed(1, []);
        }

        if (approvals.Required is < 1 or > 10)
        {
            problems.Add(new($"{path}.required", $"required is {approvals.Required}; it must be between 1 and 10"));
        }

        var groups = approvals.FromGroups ?? [];
        for (var i = 0; i < groups.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(groups[i]))
            {
                problems.Add(new($"{path}.fromGroups[{i}]", "a group name is empty"));
            }
            else if (groups.Take(i).Contains(groups[i], StringComparer.Ordinal))
            {
                problems.Add(new($"{path}.fromGroups[{i}]", $"group {groups[i]} is listed twice"));
            }
        }

        if (groups.Count > approvals.Required)
        {
            problems.Add(new($"{path}.required",
                $"required is {approvals.Required} but {groups.Count} groups must each contribute one; raise required to at least {groups.Count}"));
        }

        return new ApprovalNeed(approvals.Required, [.. groups]);
    }

    /// <summary>Compiles the per-type parts of a rule's match.</summary>
    private static class RuleMatchCompiler
    {
        public static SqlRuleMatch Sql(SqlMatch sql, string path, List<PolicyProblem> problems)
        {
            HashSet<StatementKind>? kinds = null;
            if (sql.Kinds is not null)
            {
                kinds = [];
                for (var i = 0; i < sql.Kinds.Count; i++)
                {
                    if (!Enum.IsDefined(sql.Kinds[i]))
                    {
                        problems.Add(new($"{path}.kinds[{i}]", "unknown statement kind; use read, write, ddl, dcl, transaction, session, admin or unknown"));
                    }

                    kinds.Add(sql.Kinds[i]);
                }
            }

            List<Regex>? patterns = null;
            if (sql.Patterns is not null)
            {
                patterns = [];
                for (var i = 0; i < sql.Patterns.Count; i++)
                {
                    if (PatternRegex.TryCompile(sql.Patterns[i], out var regex, out var error))
                    {
                        patterns.Add(regex!);
                    }
                    else
                    {
                        problems.Add(new($"{path}.patterns[{i}]", error!));
                    }
                }
            }

            List<TableGlob>? tables = null;
            if (sql.Tables is not null)
            {
                tables = [];
                for (var i = 0; i < sql.Tables.Count; i++)
                {
                    if (TableGlob.TryParse(sql.Tables[i] ?? "", out var glob, out var error) && !string.IsNullOrEmpty(sql.Tables[i]))
                    {
                        tables.Add(glob!);
                    }
                    else
                    {
                        problems.Add(new($"{path}.tables[{i}]", error ?? "a table glob is empty"));
                    }
                }
            }

            return new SqlRuleMatch(kinds, patterns, tables);
        }

        public static SshRuleMatch Ssh(SshMatch ssh, string path, List<PolicyProblem> problems) =>
            new(Globs(ssh.Commands, SshRuleMatch.GlobSeparator, ignoreCase: false, $"{path}.commands", problems), ssh.Interactive);

        public static KubernetesRuleMatch Kubernetes(KubernetesMatch kubernetes, string path, List<PolicyProblem> problems)
        {
            for (var i = 0; i < (kubernetes.Verbs?.Count ?? 0); i++)
            {
                if (!KubernetesVerbs.Contains(kubernetes.Verbs![i]))
                {
                    problems.Add(new($"{path}.verbs[{i}]",
                        $"unknown verb '{kubernetes.Verbs[i]}'; use get, list, watch, create, update, patch, delete, deletecollection, proxy, connect or *"));
                }
            }

            return new KubernetesRuleMatch(
                Copy(kubernetes.Verbs),
                Copy(kubernetes.ApiGroups),
                Copy(kubernetes.Resources),
                Copy(kubernetes.Subresources),
                Globs(kubernetes.Namespaces, '/', ignoreCase: false, $"{path}.namespaces", problems),
                Globs(kubernetes.Names, '/', ignoreCase: false, $"{path}.names", problems));
        }

        public static HttpRuleMatch Http(HttpMatch http, string path, List<PolicyProblem> problems)
        {
            for (var i = 0; i < (http.Methods?.Count ?? 0); i++)
            {
                var method = http.Methods![i];
                if (method != "*" && (string.IsNullOrEmpty(method) || !method.All(char.IsAsciiLetter)))
                {
                    problems.Add(new($"{path}.methods[{i}]", $"'{method}' is not an HTTP method; use e.g. GET, POST, DELETE or *"));
                }
            }

            for (var i = 0; i < (http.Paths?.Count ?? 0); i++)
            {
                if (http.Paths![i] is not { Length: > 0 } p || (p[0] != '/' && p[0] != '*'))
                {
                    problems.Add(new($"{path}.paths[{i}]", $"path glob '{http.Paths[i]}' must start with '/', e.g. /admin/**"));
                }
            }

            return new HttpRuleMatch(Copy(http.Methods), Globs(http.Paths, '/', ignoreCase: false, $"{path}.paths", problems));
        }

        private static List<string>? Copy(IList<string>? values) => values is null ? null : [.. values];

        private static List<GlobPattern>? Globs(IList<string>? patterns, char separator, bool ignoreCase, string path, List<PolicyProblem> problems)
        {
            if (patterns is null)
            {
                return null;
            }

            var globs = new List<GlobPattern>();
            for (var i = 0; i < patterns.Count; i++)
            {
                if (string.IsNullOrEmpty(patterns[i]))
                {
                    problems.Add(new($"{path}[{i}]", "a glob is empty"));
                }
                else if (GlobPattern.TryParse(patterns[i], separator, ignoreCase, out var glob, out var error))
                {
                    globs.Add(glob!);
                }
                else
                {
                    problems.Add(new($"{path}[{i}]", error!));
                }
            }

            return globs;
        }
    }
}
