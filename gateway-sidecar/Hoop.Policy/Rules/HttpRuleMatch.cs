using Hoop.Api.V1Alpha1;
using Hoop.Policy.Matching;

namespace Hoop.Policy.Rules;

/// <summary>A compiled <see cref="HttpMatch"/>: methods compare case-insensitively (<c>*</c> is any), paths are globs on the normalized path.</summary>
internal sealed class HttpRuleMatch(IReadOnlyList<string>? methods, IReadOnlyList<GlobPattern>? paths)
{
    public bool Matches(HttpRequestFacts request) =>
        (methods is null || methods.Any(m => m == "*" || string.Equals(m, request.Method, StringComparison.OrdinalIgnoreCase)))
        && (paths is null || paths.Any(p => p.IsMatch(request.Path)));
}
