using Hoop.LocalKube.Patching;

namespace Hoop.LocalKube.Tests.Patching;

public sealed class ListMergeRulesTests
{
    [Theory]
    [InlineData("containers", null, nameof(ListStrategy.MergeByKey), "name")]
    [InlineData("env", "containers", nameof(ListStrategy.MergeByKey), "name")]
    [InlineData("volumeMounts", "initContainers", nameof(ListStrategy.MergeByKey), "mountPath")]
    [InlineData("ports", "containers", nameof(ListStrategy.MergeByKey), "containerPort")]
    [InlineData("ports", "spec", nameof(ListStrategy.MergeByKey), "port")]
    [InlineData("ports", "ingress", nameof(ListStrategy.Replace), null)]
    [InlineData("finalizers", "metadata", nameof(ListStrategy.MergeAsSet), null)]
    [InlineData("conditions", "status", nameof(ListStrategy.MergeByKey), "type")]
    [InlineData("tolerations", "spec", nameof(ListStrategy.Replace), null)]
    [InlineData("args", "containers", nameof(ListStrategy.Replace), null)]
    public void Built_in_rules_follow_the_kubernetes_patch_strategies(string field, string? parent, string strategy, string? mergeKey)
    {
        var rule = ListMergeRules.BuiltIn.Find(field, parent);

        Assert.Equal(Enum.Parse<ListStrategy>(strategy), rule.Strategy);
        Assert.Equal(mergeKey, rule.MergeKey);
    }

    [Fact]
    public void A_rule_for_a_parent_wins_over_the_rule_for_any_parent_and_later_rules_override()
    {
        var rules = new ListMergeRules([ListMergeRule.ByKey("items", "id"), ListMergeRule.Replaced("items", "legacy")])
            .With(ListMergeRule.ByKey("items", "key"));

        Assert.Equal("key", rules.Find("items", "spec").MergeKey);
        Assert.Equal(ListStrategy.Replace, rules.Find("items", "legacy").Strategy);
        Assert.Equal("name", ListMergeRules.BuiltIn.Find("containers", null).MergeKey);
    }

    [Fact]
    public void A_merge_by_key_rule_without_a_key_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new ListMergeRules([new ListMergeRule("items", ListStrategy.MergeByKey)]));
    }
}
