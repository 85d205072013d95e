using System.Diagnostics.CodeAnalysis;

namespace Hoop.LocalKube.Selectors;

/// <summary>
/// The recursive-descent parser of <c>labels.Parse</c>, ported step by step so that what it accepts, what it rejects
/// and the words of each rejection are the API server's.
/// </summary>
/// <remarks>
/// Grammar: requirements joined by ',' (AND); each is <c>[!]KEY</c>, <c>KEY (=|==|!=|&gt;|&lt;) VALUE</c> or
/// <c>KEY (in|notin) (VALUE,...)</c>. An empty value is allowed everywhere, so <c>a=</c> and <c>a in ()</c> are valid.
/// </remarks>
internal sealed class LabelSelectorParser
{
    private const string BinaryOperators = "in, notin, =, ==, !=, gt, lt";

    private readonly List<LabelSelectorToken> _tokens;
    private int _position;

    private LabelSelectorParser(string text) => _tokens = LabelSelectorLexer.Tokenize(text);

    public static bool TryParse(
        string text,
        [NotNullWhen(true)] out List<LabelRequirement>? requirements,
        [NotNullWhen(false)] out string? error)
    {
        var parser = new LabelSelectorParser(text);
        error = parser.ParseSelector(out requirements);
        return error is null;
    }

    /// <summary>Whether a token may start a requirement: a key, or '!' before one.</summary>
    private static bool StartsRequirement(LabelSelectorTokenKind kind) =>
        kind is LabelSelectorTokenKind.Identifier or LabelSelectorTokenKind.DoesNotExist;

    private string? ParseSelector(out List<LabelRequirement>? requirements)
    {
        requirements = [];
        while (true)
        {
            var next = Peek(asValue: true);
            switch (next.Kind)
            {
                case LabelSelectorTokenKind.EndOfString:
                    return null;
                case var kind when StartsRequirement(kind):
                    if (ParseRequirement(out var requirement) is { } requirementError)
                    {
                        requirements = null;
                        return "unable to parse requirement: " + requirementError;
                    }

                    requirements.Add(requirement!);
                    var separator = Consume(asValue: true);
                    if (separator.Kind == LabelSelectorTokenKind.EndOfString)
                    {
                        return null;
                    }

                    if (separator.Kind != LabelSelectorTokenKind.Comma)
                    {
                        requirements = null;
                        return $"found '{separator.Literal}', expected: ',' or 'end of string'";
                    }

                    var afterComma = Peek(asValue: true);
                    if (!StartsRequirement(afterComma.Kind))
                    {
                        requirements = null;
                        return $"found '{afterComma.Literal}', expected: identifier after ','";
                    }

                    break;
                default:
                    requirements = null;
                    return $"found '{next.Literal}', expected: !, identifier, or 'end of string'";
            }
        }
    }

    private string? ParseRequirement(out LabelRequirement? requirement)
    {
        requirement = null;
        if (ParseKeyAndInferOperator(out var key, out var inferred) is { } keyError)
        {
            return keyError;
        }

        if (inferred is { } unary)
        {
            return LabelRequirement.TryCreate(key, unary, [], out requirement, out var unaryError) ? null : unaryError;
        }

        if (ParseOperator(out var @operator) is { } operatorError)
        {
            return operatorError;
        }

        var valueError = @operator is LabelSelectorOperator.In or LabelSelectorOperator.NotIn
            ? ParseValueSet(out var values)
            : ParseExactValue(out values);
        if (valueError is not null)
        {
            return valueError;
        }

        // Values pass through a set: duplicates go, and the rest are sorted, before the requirement is built.
        var distinct = values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return LabelRequirement.TryCreate(key, @operator, distinct, out requirement, out var error) ? null : error;
    }

    // Reads "!key" or "key"; when nothing follows the key it infers Exists. "!key" stays DoesNotExist whatever follows,
    // and the caller then trips on the leftover token.
    private string? ParseKeyAndInferOperator(out string key, out LabelSelectorOperator? inferred)
    {
        key = "";
        inferred = null;
        var token = Consume(asValue: true);
        if (token.Kind == LabelSelectorTokenKind.DoesNotExist)
        {
            inferred = LabelSelectorOperator.DoesNotExist;
            token = Consume(asValue: true);
        }

        if (token.Kind != LabelSelectorTokenKind.Identifier)
        {
            return $"found '{token.Literal}', expected: identifier";
        }

        var keyErrors = LabelSyntax.KeyErrors(token.Literal);
        if (keyErrors.Count > 0)
        {
            return FieldError.Invalid(FieldError.NoPath, token.Literal, string.Join("; ", keyErrors));
        }

        key = token.Literal;
        if (inferred is null && Peek(asValue: true).Kind is LabelSelectorTokenKind.EndOfString or LabelSelectorTokenKind.Comma)
        {
            inferred = LabelSelectorOperator.Exists;
        }

        return null;
    }

    private string? ParseOperator(out LabelSelectorOperator @operator)
    {
        var token = Consume(asValue: false);
        LabelSelectorOperator? known = token.Kind switch
        {
            LabelSelectorTokenKind.In => LabelSelectorOperator.In,
            LabelSelectorTokenKind.NotIn => LabelSelectorOperator.NotIn,
            LabelSelectorTokenKind.Equals => LabelSelectorOperator.Equals,
            LabelSelectorTokenKind.DoubleEquals => LabelSelectorOperator.DoubleEquals,
            LabelSelectorTokenKind.NotEquals => LabelSelectorOperator.NotEquals,
            LabelSelectorTokenKind.GreaterThan => LabelSelectorOperator.GreaterThan,
            LabelSelectorTokenKind.LessThan => LabelSelectorOperator.LessThan,
            _ => null,
        };
        @operator = known.GetValueOrDefault();
        return known is null ? $"found '{token.Literal}', expected: {BinaryOperators}" : null;
    }

    // "(a,b)", where an empty entry is the empty value: "()" and "(,)" are both {""}.
    private string? ParseValueSet(out List<string> values)
    {
        values = [];
        var open = Consume(asValue: true);
        if (open.Kind != LabelSelectorTokenKind.OpenParenthesis)
        {
            return $"found '{open.Literal}' expected: '('";
        }

        var first = Peek(asValue: true);
        switch (first.Kind)
        {
            case LabelSelectorTokenKind.Identifier or LabelSelectorTokenKind.Comma:
                if (ParseValueList(values) is { } listError)
                {
                    return listError;
                }

                // The API server quotes the first token of the list here, not the one it found.
                return Consume(asValue: true).Kind == LabelSelectorTokenKind.ClosedParenthesis
                    ? null
                    : $"found '{first.Literal}', expected: ')'";
            case LabelSelectorTokenKind.ClosedParenthesis:
                Consume(asValue: true);
                values.Add("");
                return null;
            default:
                return $"found '{first.Literal}', expected: ',', ')' or identifier";
        }
    }

    private string? ParseValueList(List<string> values)
    {
        while (true)
        {
            var token = Consume(asValue: true);
            switch (token.Kind)
            {
                case LabelSelectorTokenKind.Identifier:
                    values.Add(token.Literal);
                    var next = Peek(asValue: true);
                    switch (next.Kind)
                    {
                        case LabelSelectorTokenKind.Comma:
                            continue;
                        case LabelSelectorTokenKind.ClosedParenthesis:
                            return null;
                        default:
                            return $"found '{next.Literal}', expected: ',' or ')'";
                    }

                case LabelSelectorTokenKind.Comma:
                    if (values.Count == 0)
                    {
                        values.Add("");
                    }

                    var afterComma = Peek(asValue: true).Kind;
                    if (afterComma == LabelSelectorTokenKind.ClosedParenthesis)
                    {
                        values.Add("");
                        return null;
                    }

                    if (afterComma == LabelSelectorTokenKind.Comma)
                    {
                        Consume(asValue: true);
                        values.Add("");
                    }

                    break;
                default:
                    return $"found '{token.Literal}', expected: ',', or identifier";
            }
        }
    }

    private string? ParseExactValue(out List<string> values)
    {
        values = [];
        if (Peek(asValue: true).Kind is LabelSelectorTokenKind.EndOfString or LabelSelectorTokenKind.Comma)
        {
            values.Add("");
            return null;
        }

        var token = Consume(asValue: true);
        if (token.Kind != LabelSelectorTokenKind.Identifier)
        {
            return $"found '{token.Literal}', expected: identifier";
        }

        values.Add(token.Literal);
        return null;
    }

    private LabelSelectorToken Peek(bool asValue) => AsRead(_tokens[_position], asValue);

    private LabelSelectorToken Consume(bool asValue) => AsRead(_tokens[_position++], asValue);

    // Where a key or value may stand, "in" and "notin" are plain words: "in in (in)" selects label "in".
    private static LabelSelectorToken AsRead(LabelSelectorToken token, bool asValue) =>
        asValue && token.Kind is LabelSelectorTokenKind.In or LabelSelectorTokenKind.NotIn
            ? token with { Kind = LabelSelectorTokenKind.Identifier }
            : token;
}
