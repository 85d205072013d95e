using Hoop.LocalKube.Selectors;

namespace Hoop.LocalKube.Tests.Selectors;

public sealed class FieldSelectorTests
{
    private static readonly HashSet<string> PodFields =
        new(["metadata.name", "metadata.namespace", "status.phase", "spec.nodeName"], StringComparer.Ordinal);

    [Theory]
    [InlineData("", "")]
    [InlineData("metadata.name=foo", "metadata.name=foo")]
    [InlineData("metadata.name==foo", "metadata.name=foo")]
    [InlineData("metadata.name!=foo", "metadata.name!=foo")]
    [InlineData("metadata.name=", "metadata.name=")]
    [InlineData("metadata.namespace=b,metadata.name=a", "metadata.name=a,metadata.namespace=b")]
    [InlineData(",metadata.name=a,,", "metadata.name=a")]
    [InlineData("metadata.name = foo", "metadata.name = foo")]
    public void Every_operator_parses_and_prints_as_the_api_server_prints_it(string text, string canonical) =>
        Assert.Equal(canonical, Parse(text).ToString());

    [Theory]
    [InlineData("metadata.name=foo", "metadata.name", false, "foo")]
    [InlineData("metadata.name==foo", "metadata.name", false, "foo")]
    [InlineData("status.phase!=Running", "status.phase", true, "Running")]
    [InlineData("spec.x=", "spec.x", false, "")]
    [InlineData("=x", "", false, "x")]
    [InlineData("a!==b", "a", true, null)]
    [InlineData("metadata.name = foo", "metadata.name ", false, " foo")]
    public void A_term_splits_at_its_first_operator_and_keeps_whitespace(string text, string field, bool negated, string? value)
    {
        if (value is null)
        {
            AssertError(text, "invalid field selector: unescaped character in value: 61");
            return;
        }

        var requirement = Assert.Single(Parse(text).Requirements);
        var @operator = negated ? FieldSelectorOperator.NotEquals : FieldSelectorOperator.Equals;
        Assert.Equal(new FieldRequirement(field, @operator, value), requirement);
    }

    [Theory]
    [InlineData(@"spec.x=a\,b", "a,b", @"spec.x=a\,b")]
    [InlineData(@"spec.x=a\=b", "a=b", @"spec.x=a\=b")]
    [InlineData(@"spec.x=a\\b", @"a\b", @"spec.x=a\\b")]
    [InlineData(@"spec.x=\\\,\=", @"\,=", @"spec.x=\\\,\=")]
    [InlineData(@"spec.x==\=", "=", @"spec.x=\=")]
    public void Escaped_commas_equals_and_backslashes_are_part_of_the_value(string text, string value, string canonical)
    {
        var selector = Parse(text);

        Assert.Equal(value, Assert.Single(selector.Requirements).Value);
        Assert.Equal(canonical, selector.ToString());
    }

    [Theory]
    [InlineData("=")]
    [InlineData("!=")]
    [InlineData("==")]
    [InlineData("=,!=")]
    public void A_term_with_neither_field_nor_value_is_dropped(string text) =>
        Assert.True(Parse(text).IsEmpty);

    [Theory]
    [InlineData("metadata.name", "invalid selector: 'metadata.name'; can't understand 'metadata.name'")]
    [InlineData("a=b,c", "invalid selector: 'a=b,c'; can't understand 'c'")]
    [InlineData("a=b,c<d", "invalid selector: 'a=b,c<d'; can't understand 'c<d'")]
    [InlineData(@"a=b\,c,d", @"invalid selector: 'a=b\,c,d'; can't understand 'd'")]
    [InlineData("a in (b)", "invalid selector: 'a in (b)'; can't understand 'a in (b)'")]
    [InlineData("a=b=c", "invalid field selector: unescaped character in value: 61")]
    [InlineData("a==b=c", "invalid field selector: unescaped character in value: 61")]
    [InlineData("a=b!=c", "invalid field selector: unescaped character in value: 61")]
    [InlineData(@"a=b\", @"invalid field selector: invalid escape sequence: \")]
    [InlineData(@"a=b\x", @"invalid field selector: invalid escape sequence: \x")]
    [InlineData(@"a=\n", @"invalid field selector: invalid escape sequence: \n")]
    public void Malformed_selectors_are_refused_with_the_api_servers_words(string text, string error) =>
        AssertError(text, error);

    [Fact]
    public void Terms_are_checked_in_sorted_order_so_the_first_bad_term_by_text_is_reported() =>
        AssertError("z=1=,b,a", "invalid selector: 'z=1=,b,a'; can't understand 'a'");

    [Theory]
    [InlineData("metadata.name=foo", "foo", true)]
    [InlineData("metadata.name=foo", "bar", false)]
    [InlineData("metadata.name==foo", "foo", true)]
    [InlineData("metadata.name!=foo", "foo", false)]
    [InlineData("metadata.name!=foo", "bar", true)]
    [InlineData(@"metadata.name=a\,b", "a,b", true)]
    [InlineData("metadata.name=Foo", "foo", false)]
    public void Each_operator_compares_the_field_value_exactly(string selector, string name, bool matches) =>
        Assert.Equal(matches, Parse(selector).Matches(field => field == "metadata.name" ? name : null));

    [Theory]
    [InlineData("spec.nodeName=", true)]
    [InlineData("spec.nodeName!=", false)]
    [InlineData("spec.nodeName=node-1", false)]
    [InlineData("spec.nodeName!=node-1", true)]
    public void An_absent_field_reads_as_the_empty_string(string selector, bool matches) =>
        Assert.Equal(matches, Parse(selector).Matches(_ => null));

    [Theory]
    [InlineData("foo", "default", "Running", true)]
    [InlineData("foo", "default", "Pending", false)]
    [InlineData("foo", "other", "Running", false)]
    [InlineData("bar", "default", "Running", false)]
    public void Comma_separated_terms_must_all_hold(string name, string @namespace, string phase, bool matches)
    {
        var selector = Parse("metadata.name=foo,metadata.namespace==default,status.phase!=Pending");
        var fields = new Dictionary<string, string>
        {
            ["metadata.name"] = name,
            ["metadata.namespace"] = @namespace,
            ["status.phase"] = phase,
        };

        Assert.Equal(matches, selector.Matches(field => fields.GetValueOrDefault(field)));
    }

    [Fact]
    public void The_empty_selector_matches_every_object()
    {
        Assert.True(Parse("").Matches(_ => "anything"));
        Assert.True(FieldSelector.Everything.Matches(_ => null));
        Assert.True(FieldSelector.TryParse(null, out var selector, out _));
        Assert.Same(FieldSelector.Everything, selector);
    }

    [Fact]
    public void Fields_names_each_field_used_once()
    {
        var selector = Parse("status.phase=Running,metadata.name=a,metadata.name!=b");

        Assert.Equal(["metadata.name", "status.phase"], selector.Fields);
        Assert.Empty(Parse("").Fields);
    }

    [Theory]
    [InlineData("")]
    [InlineData("metadata.name=a")]
    [InlineData("metadata.namespace=default,metadata.name!=a")]
    [InlineData("status.phase=Running,spec.nodeName=node-1")]
    public void Supported_fields_pass_the_check(string text)
    {
        Assert.True(Parse(text).TryValidateFields(PodFields, out var error), error);
        Assert.Null(error);
    }

    [Theory]
    [InlineData("spec.host=x", "field label not supported: spec.host")]
    [InlineData("metadata.name=a,status.podIP=10.0.0.1", "field label not supported: status.podIP")]
    [InlineData("z.field=1,a.field=2", "field label not supported: a.field")]
    [InlineData("metadata.name = foo", "field label not supported: metadata.name ")]
    [InlineData("=x", "field label not supported: ")]
    [InlineData("metadata.labels.app=web", "field label not supported: metadata.labels.app")]
    public void A_field_outside_the_supported_set_is_refused_with_the_api_servers_words(string text, string error)
    {
        Assert.False(Parse(text).TryValidateFields(PodFields, out var actual));
        Assert.Equal(error, actual);
    }

    [Fact]
    public void The_supported_set_is_the_callers_so_a_cluster_scoped_kind_can_refuse_the_namespace()
    {
        var clusterScoped = new HashSet<string>(["metadata.name"], StringComparer.Ordinal);

        Assert.False(Parse("metadata.namespace=default").TryValidateFields(clusterScoped, out var error));
        Assert.Equal("field label not supported: metadata.namespace", error);
    }

    [Fact]
    public void Arbitrary_input_yields_a_selector_or_an_error_never_an_exception()
    {
        const string Alphabet = @"ab.=!,\ x";
        var random = new Random(20240602);
        for (var i = 0; i < 5000; i++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(0, 14)).Select(_ => Alphabet[random.Next(Alphabet.Length)])]);

            if (FieldSelector.TryParse(text, out var selector, out var error))
            {
                var canonical = selector.ToString();
                Assert.True(FieldSelector.TryParse(canonical, out var again, out var againError), $"'{canonical}' from '{text}': {againError}");
                Assert.Equal(selector.Requirements.ToHashSet(), again.Requirements.ToHashSet());
            }
            else
            {
                Assert.False(string.IsNullOrEmpty(error), text);
            }
        }
    }

    private static FieldSelector Parse(string text)
    {
        Assert.True(FieldSelector.TryParse(text, out var selector, out var error), error);
        return selector;
    }

    private static void AssertError(string text, string expected)
    {
        Assert.False(FieldSelector.TryParse(text, out var selector, out var error), $"'{text}' parsed as '{selector}'");
        Assert.Null(selector);
        Assert.Equal(expected, error);
    }
}
