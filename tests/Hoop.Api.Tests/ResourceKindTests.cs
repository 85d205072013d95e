namespace Hoop.Api.Tests;

public sealed class ResourceKindTests
{
    [Theory]
    [InlineData("AccessRequest", "AccessRequest")]
    [InlineData("accessrequest", "AccessRequest")]
    [InlineData("accessrequests", "AccessRequest")]
    [InlineData("ar", "AccessRequest")]
    [InlineData("accessrequests.hoop.dev", "AccessRequest")]
    [InlineData("ap", "ApprovalPolicy")]
    [InlineData("approvalpolicies", "ApprovalPolicy")]
    [InlineData("conn", "Connection")]
    [InlineData("CONNECTION", "Connection")]
    public void Names_resolve_the_way_kubectl_resolves_them(string name, string kind)
    {
        Assert.Equal(kind, ResourceKind.Resolve(name)?.Kind);
    }

    [Theory]
    [InlineData("pods")]
    [InlineData("AR")]
    [InlineData("accessrequests.example.com")]
    [InlineData("")]
    public void Names_that_are_not_ours_resolve_to_nothing(string name)
    {
        Assert.Null(ResourceKind.Resolve(name));
    }

    [Fact]
    public void Crd_names_and_files_follow_the_group()
    {
        Assert.Equal("accessrequests.hoop.dev", ResourceKind.AccessRequest.CrdName);
        Assert.Equal("hoop.dev_approvalpolicies.yaml", ResourceKind.ApprovalPolicy.CrdFileName);
        Assert.Equal("hoop.dev/v1alpha1", HoopApiGroup.ApiVersion);
    }

    [Fact]
    public void Every_kind_has_distinct_names()
    {
        var names = ResourceKind.All.SelectMany(k => new[] { k.Kind.ToLowerInvariant(), k.Plural, k.ShortName }).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
    }
}
