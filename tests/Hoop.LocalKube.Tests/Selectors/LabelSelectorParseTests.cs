using Hoop.LocalKube.Selectors;

namespace Hoop.LocalKube.Tests.Selectors;

public sealed class LabelSelectorParseTests
{
    private const string NameSyntax =
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character "
        + "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    private const string ValueSyntax =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character "
        + "(e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    private const string SubdomainSyntax =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character "
        + @"(e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    [Theory]
    [InlineData("", "")]
    [InlineData("a=b", "a=b")]
    [InlineData("a==b", "a==b")]
    [InlineData("a!=b", "a!=b")]
    [InlineData("a in (x,y)", "a in (x,y)")]
    [InlineData("a notin (x)", "a notin (x)")]
    [InlineData("a", "a")]
    [InlineData("!a", "!a")]
    [InlineData("a>1", "a>1")]
    [InlineData("a<10", "a<10")]
    public void Every_operator_parses_and_prints_as_the_api_server_prints_it(string text, string canonical) =>
        Assert.Equal(canonical, Parse(text).ToString());

    [Theory]
    [InlineData("  a  =  b  ", "a=b")]
    [InlineData("a\t!=\tb", "a!=b")]
    [InlineData("\ra", "a")]
    [InlineData("x notin\n (abc)", "x notin (abc)")]
    [InlineData("foo  in\t (abc)", "foo in (abc)")]
    [InlineData("a in ( x , y )", "a in (x,y)")]
    [InlineData("a in(x)", "a in (x)")]
    [InlineData("! a", "!a")]
    [InlineData("a ,b", "a,b")]
    public void Whitespace_around_tokens_is_ignored(string text, string canonical) =>
        Assert.Equal(canonical, Parse(text).ToString());

    [Theory]
    [InlineData("x=a,a=x", "a=x,x=a")]
    [InlineData("b,!a,c in (z)", "!a,b,c in (z)")]
    [InlineData("a=b,a!=c", "a=b,a!=c")]
    [InlineData("a!=c,a=b", "a!=c,a=b")]
    public void Requirements_are_sorted_by_key_keeping_the_written_order_within_a_key(string text, string canonical) =>
        Assert.Equal(canonical, Parse(text).ToString());

    [Theory]
    [InlineData("a in (y,x,y)", "a in (x,y)")]
    [InlineData("a in (x,,y)", "a in (,x,y)")]
    [InlineData("a in (x,)", "a in (,x)")]
    [InlineData("a notin (, x)", "a notin (,x)")]
    [InlineData("a in (,)", "a in ()")]
    [InlineData("a in ()", "a in ()")]
    [InlineData("a notin ( )", "a notin ()")]
    public void Set_values_are_deduplicated_sorted_and_may_be_empty(string text, string canonical) =>
        Assert.Equal(canonical, Parse(text).ToString());

    [Theory]
    [InlineData("a=", "a=")]
    [InlineData("a==", "a==")]
    [InlineData("a!=", "a!=")]
    [InlineData("x= ,z= ", "x=,z=")]
    public void An_exact_match_may_compare_with_the_empty_value(string text, string canonical) =>
        Assert.Equal(canonical, Parse(text).ToString());

    [Theory]
    [InlineData("example.com/app=web")]
    [InlineData("app.kubernetes.io/name in (api,web)")]
    [InlineData("this-is-a-dns.domain.com/key-with-dash")]
    [InlineData("!hoop.dev/managed")]
    [InlineData("0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)")]
    [InlineData("A_b-c.D=v_1-2.X")]
    public void Keys_may_carry_a_dns_subdomain_prefix(string text) =>
        Assert.Equal(text, Parse(text).ToString());

    [Theory]
    [InlineData("in in (in,notin)")]
    [InlineData("notin=in")]
    [InlineData("!in")]
    public void In_and_notin_are_plain_words_where_a_key_or_value_stands(string text) =>
        Assert.Equal(text, Parse(text).ToString());

    [Fact]
    public void A_key_name_and_a_value_may_be_63_characters_long()
    {
        var name = new string('k', 63);
        var value = new string('v', 63);
        var prefix = string.Join('.', Enumerable.Repeat(new string('p', 63), 4))[..253];

        Assert.Equal($"{prefix}/{name}={value}", Parse($"{prefix}/{name}={value}").ToString());
    }

    [Fact]
    public void The_parsed_requirements_carry_key_operator_and_values()
    {
        var selector = Parse("tier notin (db,cache),app==web");

        Assert.Collection(
            selector.Requirements,
            app =>
            {
                Assert.Equal("app", app.Key);
                Assert.Equal(LabelSelectorOperator.DoubleEquals, app.Operator);
                Assert.Equal(["web"], app.Values);
            },
            tier =>
            {
                Assert.Equal("tier", tier.Key);
                Assert.Equal(LabelSelectorOperator.NotIn, tier.Operator);
                Assert.Equal(["cache", "db"], tier.Values);
            });
    }

    [Fact]
    public void An_empty_or_absent_selector_is_everything()
    {
        Assert.True(Parse("").IsEmpty);
        Assert.True(Parse("   ").IsEmpty);
        Assert.True(LabelSelector.TryParse(null, out var selector, out _));
        Assert.Same(LabelSelector.Everything, selector);
    }

    [Fact]
    public void A_nul_character_ends_the_selector_as_it_does_on_the_api_server()
    {
        Assert.Equal("", Parse("\0a=b").ToString());
        Assert.Equal("a=b", Parse("a=b\0").ToString());
        AssertError("a=b, \0c", "found '', expected: identifier after ','");

        // Right after an operator symbol the NUL is swallowed instead, as the API server's lexer does.
        Assert.Equal("a=b,c", Parse("a=b,\0c").ToString());
    }

    [Theory]
    [InlineData("a in (x", "unable to parse requirement: found '', expected: ',' or ')'")]
    [InlineData("a in (xyz abc)", "unable to parse requirement: found 'abc', expected: ',' or ')'")]
    [InlineData("a in (x,=)", "unable to parse requirement: found '=', expected: ',', or identifier")]
    [InlineData("a in (=)", "unable to parse requirement: found '=', expected: ',', ')' or identifier")]
    [InlineData("a notin(", "unable to parse requirement: found '', expected: ',', ')' or identifier")]
    [InlineData("a in x", "unable to parse requirement: found 'x' expected: '('")]
    [InlineData("a in", "unable to parse requirement: found '' expected: '('")]
    [InlineData("x nott in (y)", "unable to parse requirement: found 'nott', expected: in, notin, =, ==, !=, gt, lt")]
    [InlineData("a (", "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt")]
    [InlineData("a=(", "unable to parse requirement: found '(', expected: identifier")]
    [InlineData("!", "unable to parse requirement: found '', expected: identifier")]
    [InlineData("!!a", "unable to parse requirement: found '!', expected: identifier")]
    [InlineData("=b", "found '=', expected: !, identifier, or 'end of string'")]
    [InlineData("!=a", "found '!=', expected: !, identifier, or 'end of string'")]
    [InlineData("(", "found '(', expected: !, identifier, or 'end of string'")]
    [InlineData(",a", "found ',', expected: !, identifier, or 'end of string'")]
    [InlineData("a=b,", "found '', expected: identifier after ','")]
    [InlineData("a,,b", "found ',', expected: identifier after ','")]
    [InlineData("a=b c", "found 'c', expected: ',' or 'end of string'")]
    [InlineData("x==a==b", "found '==', expected: ',' or 'end of string'")]
    [InlineData("!x=a", "found '=', expected: ',' or 'end of string'")]
    [InlineData("a in (x)b notin ()", "found 'b', expected: ',' or 'end of string'")]
    public void Malformed_selectors_are_refused_with_the_api_servers_words(string text, string error) =>
        AssertError(text, error);

    [Theory]
    [InlineData("a_", "a_")]
    [InlineData("-a", "-a")]
    [InlineData("a.", "a.")]
    [InlineData("app:monolith", "app:monolith")]
    [InlineData("&foo", "&foo")]
    [InlineData("é=x", "é")]
    public void A_key_with_characters_outside_the_label_syntax_is_refused(string text, string key) =>
        AssertError(text, $"unable to parse requirement: <nil>: Invalid value: \"{key}\": {NameSyntax}");

    [Fact]
    public void A_key_name_longer_than_63_characters_is_refused()
    {
        var key = new string('a', 64);
        AssertError(key + "=b", $"unable to parse requirement: <nil>: Invalid value: \"{key}\": name part must be no more than 63 characters");
    }

    [Theory]
    [InlineData("app.kubernetes_io/name=x", "app.kubernetes_io/name", "prefix part " + SubdomainSyntax)]
    [InlineData("Example.com/a", "Example.com/a", "prefix part " + SubdomainSyntax)]
    [InlineData("/a", "/a", "prefix part must be non-empty")]
    [InlineData("example.com/", "example.com/", "name part must be non-empty; " + NameSyntax)]
    public void A_key_prefix_must_be_a_dns_subdomain_and_the_name_must_follow_it(string text, string key, string detail) =>
        AssertError(text, $"unable to parse requirement: <nil>: Invalid value: \"{key}\": {detail}");

    [Fact]
    public void A_key_prefix_longer_than_253_characters_is_refused()
    {
        var prefix = new string('p', 254);
        AssertError(
            prefix + "/a",
            $"unable to parse requirement: <nil>: Invalid value: \"{prefix}/a\": prefix part must be no more than 253 characters");
    }

    [Fact]
    public void A_key_with_two_slashes_is_not_a_qualified_name() =>
        AssertError(
            "a/b/c ?=? def",
            "unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, "
            + "'-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', "
            + "regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' "
            + "(e.g. 'example.com/MyName')");

    [Theory]
    [InlineData("a=b/c", "b/c")]
    [InlineData("a=-b", "-b")]
    [InlineData("a!=b_", "b_")]
    [InlineData("a in (b c)", null)]
    public void A_value_with_characters_outside_the_label_syntax_is_refused(string text, string? value)
    {
        if (value is null)
        {
            AssertError(text, "unable to parse requirement: found 'c', expected: ',' or ')'");
            return;
        }

        AssertError(text, $"unable to parse requirement: values[0][a]: Invalid value: \"{value}\": {ValueSyntax}");
    }

    [Fact]
    public void A_value_longer_than_63_characters_is_refused()
    {
        var value = new string('v', 64);
        AssertError("a=" + value, $"unable to parse requirement: values[0][a]: Invalid value: \"{value}\": must be no more than 63 characters");
    }

    [Fact]
    public void A_bad_value_in_a_set_is_named_by_its_sorted_position() =>
        AssertError("a in (ok,bad_)", $"unable to parse requirement: values[0][a]: Invalid value: \"bad_\": {ValueSyntax}");

    [Fact]
    public void Several_bad_values_are_reported_together_in_brackets() =>
        AssertError(
            "a in (c_,b_)",
            $"unable to parse requirement: [values[0][a]: Invalid value: \"b_\": {ValueSyntax}, values[1][a]: Invalid value: \"c_\": {ValueSyntax}]");

    [Fact]
    public void Quotes_and_control_characters_in_a_bad_value_are_escaped_as_go_quotes_them() =>
        AssertError("a=\"b\"\u0001", $"unable to parse requirement: values[0][a]: Invalid value: \"\\\"b\\\"\\x01\": {ValueSyntax}");

    [Theory]
    [InlineData("x<a", "values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer")]
    [InlineData("x>99999999999999999999", "values[0]: Invalid value: \"99999999999999999999\": for 'Gt', 'Lt' operators, the value must be an integer")]
    [InlineData("x>-1", "values[0][x]: Invalid value: \"-1\": " + ValueSyntax)]
    public void Greater_and_less_than_need_an_integer_that_is_also_a_label_value(string text, string detail) =>
        AssertError(text, "unable to parse requirement: " + detail);

    [Fact]
    public void Arbitrary_input_yields_a_selector_or_an_error_never_an_exception_and_the_canonical_form_parses_to_itself()
    {
        const string Alphabet = "ab-_./=!(),<> \t12in";
        var random = new Random(20240601);
        for (var i = 0; i < 5000; i++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(0, 16)).Select(_ => Alphabet[random.Next(Alphabet.Length)])]);

            if (LabelSelector.TryParse(text, out var selector, out var error))
            {
                var canonical = selector.ToString();
                Assert.True(LabelSelector.TryParse(canonical, out var again, out var againError), $"'{canonical}' from '{text}': {againError}");
                Assert.Equal(canonical, again.ToString());
            }
            else
            {
                Assert.False(string.IsNullOrEmpty(error), text);
            }
        }
    }

    private static LabelSelector Parse(string text)
    {
        Assert.True(LabelSelector.TryParse(text, out var selector, out var error), error);
        return selector;
    }

    private static void AssertError(string text, string expected)
    {
        Assert.False(LabelSelector.TryParse(text, out var selector, out var error), $"'{text}' parsed as '{selector}'");
        Assert.Null(selector);
        Assert.Equal(expected, error);
    }
}
