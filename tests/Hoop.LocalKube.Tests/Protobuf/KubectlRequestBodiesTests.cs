namespace Hoop.LocalKube.Tests.Protobuf;

/// <summary>The test encoder is only as good as its likeness to kubectl: these pin it to bodies kubectl really sent.</summary>
public sealed class KubectlRequestBodiesTests
{
    [Fact]
    public void Create_namespace_matches_kubectl_byte_for_byte() =>
        Assert.Equal(KubectlCapturedBodies.CreateNamespace, KubectlRequestBodies.CreateNamespace("demo"));

    [Fact]
    public void Create_configmap_matches_kubectl_byte_for_byte() =>
        Assert.Equal(KubectlCapturedBodies.CreateConfigMap, KubectlRequestBodies.CreateConfigMap("cfg", ("a", "1")));

    [Fact]
    public void Auth_whoami_matches_kubectl_byte_for_byte() =>
        Assert.Equal(KubectlCapturedBodies.WhoAmI, KubectlRequestBodies.WhoAmI());

    [Fact]
    public void Create_token_matches_kubectl_byte_for_byte() =>
        Assert.Equal(KubectlCapturedBodies.CreateTokenWithAudiences, KubectlRequestBodies.CreateToken(["https://hoop.dev", "api"], 600));

    [Fact]
    public void Auth_can_i_matches_kubectl_byte_for_byte() =>
        Assert.Equal(
            KubectlCapturedBodies.CanIApproveProduction,
            KubectlRequestBodies.CanI("team-a", "approve", "hoop.dev", "approvalpolicies", "production"));
}
