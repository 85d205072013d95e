using System.Text.Json.Nodes;
using Hoop.LocalKube.Selectors;

namespace Hoop.LocalKube.Tests.Selectors;

public sealed class LabelSelectorObjectTests
{
    private const string NameSyntax =
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character "
        + "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    private const string ValueSyntax =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character "
        + "(e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"matchLabels":{}}""")]
    [InlineData("""{"matchLabels":null,"matchExpressions":[]}""")]
    public void An_empty_selector_object_matches_everything(string json)
    {
        var selector = Convert(json);

        Assert.True(selector.IsEmpty);
        Assert.True(selector.Matches(new Dictionary<string, string> { ["a"] = "b" }));
        Assert.True(selector.Matches(null));
    }

    [Fact]
    public void A_null_selector_object_matches_everything()
    {
        Assert.True(LabelSelector.TryFromLabelSelectorObject(null, out var selector, out var error), error);
        Assert.Same(LabelSelector.Everything, selector);
    }

    [Theory]
    [InlineData("""{"matchLabels":{"tier":"db","app":"web"}}""", "app=web,tier=db")]
    [InlineData("""{"matchLabels":{"app":""}}""", "app=")]
    [InlineData("""{"matchLabels":{"app":null}}""", "app=")]
    [InlineData("""{"matchExpressions":[{"key":"env","operator":"In","values":["prod","dev"]}]}""", "env in (dev,prod)")]
    [InlineData("""{"matchExpressions":[{"key":"env","operator":"NotIn","values":["prod"]}]}""", "env notin (prod)")]
    [InlineData("""{"matchExpressions":[{"key":"env","operator":"Exists"}]}""", "env")]
    [InlineData("""{"matchExpressions":[{"key":"env","operator":"Exists","values":[]}]}""", "env")]
    [InlineData("""{"matchExpressions":[{"key":"env","operator":"DoesNotExist","values":null}]}""", "!env")]
    [InlineData("""{"matchLabels":{"z":"1"},"matchExpressions":[{"key":"a","operator":"Exists"}]}""", "a,z=1")]
    [InlineData("""{"matchExpressions":[{"key":"kubernetes.io/metadata.name","operator":"In","values":["hoop"]}]}""", "kubernetes.io/metadata.name in (hoop)")]
    public void Match_labels_and_each_expression_operator_become_requirements(string json, string canonical) =>
        Assert.Equal(canonical, Convert(json).ToString());

    [Theory]
    [InlineData("app=web;tier=db", true)]
    [InlineData("app=web;tier=db;env=prod", false)]
    [InlineData("app=web;tier=cache", false)]
    [InlineData("app=web", false)]
    [InlineData("tier=db", false)]
    public void All_match_labels_and_expressions_must_hold(string labels, bool matches)
    {
        var selector = Convert(
            """{"matchLabels":{"app":"web"},"matchExpressions":[{"key":"tier","operator":"In","values":["db"]},{"key":"env","operator":"DoesNotExist"}]}""");

        var map = labels.Split(';').Select(pair => pair.Split('=')).ToDictionary(pair => pair[0], pair => pair[1]);
        Assert.Equal(matches, selector.Matches(map));
    }

    [Theory]
    [InlineData("""{"key":"env","operator":"In"}""", "values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty")]
    [InlineData("""{"key":"env","operator":"In","values":[]}""", "values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty")]
    [InlineData("""{"key":"env","operator":"NotIn","values":[]}""", "values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty")]
    [InlineData("""{"key":"env","operator":"Exists","values":["x"]}""", "values: Invalid value: [\"x\"]: values set must be empty for exists and does not exist")]
    [InlineData("""{"key":"env","operator":"DoesNotExist","values":["x","y"]}""", "values: Invalid value: [\"x\",\"y\"]: values set must be empty for exists and does not exist")]
    public void Expressions_with_the_wrong_number_of_values_are_refused(string expression, string error) =>
        AssertError($$"""{"matchExpressions":[{{expression}}]}""", error);

    [Theory]
    [InlineData("Equals", "\"Equals\" is not a valid label selector operator")]
    [InlineData("in", "\"in\" is not a valid label selector operator")]
    [InlineData("Gt", "\"Gt\" is not a valid label selector operator")]
    [InlineData(null, "\"\" is not a valid label selector operator")]
    public void Only_in_notin_exists_and_does_not_exist_are_operators(string? @operator, string error)
    {
        var expression = new JsonObject { ["key"] = "env", ["values"] = new JsonArray("x") };
        if (@operator is not null)
        {
            expression["operator"] = @operator;
        }

        AssertError(new JsonObject { ["matchExpressions"] = new JsonArray(expression) }, error);
    }

    [Theory]
    [InlineData("""{"matchExpressions":[{"key":"bad key","operator":"Exists"}]}""", "key: Invalid value: \"bad key\": " + NameSyntax)]
    [InlineData("""{"matchExpressions":[{"operator":"Exists"}]}""", "key: Invalid value: \"\": name part must be non-empty; " + NameSyntax)]
    [InlineData("""{"matchLabels":{"app":"a b"}}""", "values[0][app]: Invalid value: \"a b\": " + ValueSyntax)]
    [InlineData("""{"matchLabels":{"a_":"b"}}""", "key: Invalid value: \"a_\": " + NameSyntax)]
    [InlineData("""{"matchExpressions":[{"key":"env","operator":"In","values":["ok","b_"]}]}""", "values[1][env]: Invalid value: \"b_\": " + ValueSyntax)]
    public void Keys_and_values_outside_the_label_syntax_are_refused(string json, string error) =>
        AssertError(json, error);

    [Fact]
    public void Values_in_a_message_are_json_with_go_html_escaping() =>
        AssertError(
            """{"matchExpressions":[{"key":"env","operator":"Exists","values":["<b>&\b"]}]}""",
            "[values: Invalid value: [\"\\u003cb\\u003e\\u0026\\b\"]: values set must be empty for exists and does not exist, "
            + $"values[0][env]: Invalid value: \"<b>&\\b\": {ValueSyntax}]");

    [Fact]
    public void Every_problem_of_one_expression_is_reported_together() =>
        AssertError(
            """{"matchExpressions":[{"key":"a_","operator":"Exists","values":["x"]}]}""",
            $"[key: Invalid value: \"a_\": {NameSyntax}, values: Invalid value: [\"x\"]: values set must be empty for exists and does not exist]");

    [Fact]
    public void Match_labels_are_checked_before_expressions_and_in_key_order() =>
        AssertError(
            """{"matchLabels":{"z":"z_","b":"b_"},"matchExpressions":[{"key":"a","operator":"In"}]}""",
            $"values[0][b]: Invalid value: \"b_\": {ValueSyntax}");

    [Theory]
    [InlineData("""{"matchLabels":["app"]}""", "matchLabels must be an object of label keys to values, not a list.")]
    [InlineData("""{"matchLabels":{"app":1}}""", "matchLabels[\"app\"] must be a string, not a number.")]
    [InlineData("""{"matchExpressions":{"key":"a"}}""", "matchExpressions must be a list of {key, operator, values} objects, not an object.")]
    [InlineData("""{"matchExpressions":["a"]}""", "matchExpressions[0] must be a {key, operator, values} object, not a string.")]
    [InlineData("""{"matchExpressions":[{"key":true,"operator":"Exists"}]}""", "matchExpressions[0].key must be a string, not a boolean.")]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":1}]}""", "matchExpressions[0].operator must be a string, not a number.")]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"In","values":"x"}]}""", "matchExpressions[0].values must be a list of strings, not a string.")]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"In","values":[1]}]}""", "matchExpressions[0].values must be a list of strings, not a list.")]
    public void A_selector_object_of_the_wrong_shape_is_refused_not_thrown(string json, string error) =>
        AssertError(json, error);

    private static LabelSelector Convert(string json)
    {
        Assert.True(LabelSelector.TryFromLabelSelectorObject(JsonNode.Parse(json)!.AsObject(), out var selector, out var error), error);
        return selector;
    }

    private static void AssertError(string json, string expected) => AssertError(JsonNode.Parse(json)!.AsObject(), expected);

    private static void AssertError(JsonObject json, string expected)
    {
        Assert.False(LabelSelector.TryFromLabelSelectorObject(json, out var selector, out var error), $"converted to '{selector}'");
        Assert.Null(selector);
        Assert.Equal(expected, error);
    }
}
