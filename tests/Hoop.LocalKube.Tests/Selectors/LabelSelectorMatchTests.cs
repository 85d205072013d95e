using Hoop.LocalKube.Selectors;

namespace Hoop.LocalKube.Tests.Selectors;

public sealed class LabelSelectorMatchTests
{
    /// <summary>Labels written "key=value;key2=value2"; "-" means an object with no labels map at all.</summary>
    private static Dictionary<string, string>? Labels(string labels) => labels == "-"
        ? null
        : labels.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);

    [Theory]
    [InlineData("a=b", "a=b", true)]
    [InlineData("a=b", "a=c", false)]
    [InlineData("a=b", "", false)]
    [InlineData("a=b", "a=B", false)]
    [InlineData("a==b", "a=b", true)]
    [InlineData("a==b", "a=c", false)]
    [InlineData("a==b", "", false)]
    [InlineData("a!=b", "a=b", false)]
    [InlineData("a!=b", "a=c", true)]
    [InlineData("a in (x,y)", "a=y", true)]
    [InlineData("a in (x,y)", "a=z", false)]
    [InlineData("a in (x,y)", "", false)]
    [InlineData("a notin (x,y)", "a=x", false)]
    [InlineData("a notin (x,y)", "a=z", true)]
    [InlineData("a", "a=", true)]
    [InlineData("a", "a=anything", true)]
    [InlineData("a", "b=a", false)]
    [InlineData("!a", "b=a", true)]
    [InlineData("!a", "a=", false)]
    [InlineData("a>1", "a=2", true)]
    [InlineData("a>1", "a=1", false)]
    [InlineData("a>1", "a=v2", false)]
    [InlineData("a>1", "", false)]
    [InlineData("a<1", "a=0", true)]
    [InlineData("a<1", "a=1", false)]
    public void Each_operator_tests_the_label_as_kubernetes_does(string selector, string labels, bool matches) =>
        Assert.Equal(matches, Parse(selector).Matches(Labels(labels)));

    [Theory]
    [InlineData("a!=b", true)]
    [InlineData("a notin (x)", true)]
    [InlineData("!a", true)]
    [InlineData("a=b", false)]
    [InlineData("a==b", false)]
    [InlineData("a in (x)", false)]
    [InlineData("a", false)]
    [InlineData("a=", false)]
    [InlineData("a in ()", false)]
    [InlineData("a>0", false)]
    public void An_absent_label_satisfies_only_not_equals_notin_and_does_not_exist(string selector, bool matches)
    {
        Assert.Equal(matches, Parse(selector).Matches(Labels("other=x")));
        Assert.Equal(matches, Parse(selector).Matches(Labels("-")));
    }

    [Theory]
    [InlineData("a=", "a=", true)]
    [InlineData("a=", "a=x", false)]
    [InlineData("a in ()", "a=", true)]
    [InlineData("a in ()", "a=x", false)]
    [InlineData("a in (x,)", "a=", true)]
    [InlineData("a notin ()", "a=", false)]
    [InlineData("a notin ()", "a=x", true)]
    public void The_empty_value_matches_a_label_that_is_present_and_empty(string selector, string labels, bool matches) =>
        Assert.Equal(matches, Parse(selector).Matches(Labels(labels)));

    [Theory]
    [InlineData("app=web,tier", "app=web;tier=db", true)]
    [InlineData("app=web,tier", "app=web", false)]
    [InlineData("app=web,!tier", "app=web", true)]
    [InlineData("app in (web,api),env notin (prod)", "app=api;env=dev", true)]
    [InlineData("app in (web,api),env notin (prod)", "app=api;env=prod", false)]
    [InlineData("a=b,a!=c", "a=b", true)]
    [InlineData("a=b,a=c", "a=b", false)]
    public void Comma_separated_requirements_must_all_hold(string selector, string labels, bool matches) =>
        Assert.Equal(matches, Parse(selector).Matches(Labels(labels)));

    [Theory]
    [InlineData("app.kubernetes.io/name=web", "app.kubernetes.io/name=web", true)]
    [InlineData("app.kubernetes.io/name=web", "name=web", false)]
    [InlineData("!hoop.dev/managed", "hoop.dev/managed=true", false)]
    public void Prefixed_keys_are_compared_whole(string selector, string labels, bool matches) =>
        Assert.Equal(matches, Parse(selector).Matches(Labels(labels)));

    [Theory]
    [InlineData("a=b;c=d")]
    [InlineData("")]
    [InlineData("-")]
    public void The_empty_selector_matches_every_object(string labels)
    {
        Assert.True(Parse("").Matches(Labels(labels)));
        Assert.True(LabelSelector.Everything.Matches(Labels(labels)));
    }

    private static LabelSelector Parse(string text)
    {
        Assert.True(LabelSelector.TryParse(text, out var selector, out var error), error);
        return selector;
    }
}
