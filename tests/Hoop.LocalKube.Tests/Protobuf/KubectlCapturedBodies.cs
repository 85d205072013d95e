namespace Hoop.LocalKube.Tests.Protobuf;

/// <summary>
/// Request bodies kubectl v1.32.4 sent, byte for byte, recorded from a logging HTTPS server that answered every POST with 201.
/// They pin <see cref="KubectlRequestBodies"/> to what the real client writes. The context's namespace was <c>default</c>.
/// </summary>
internal static class KubectlCapturedBodies
{
    /// <summary><c>kubectl create namespace demo</c></summary>
    public static byte[] CreateNamespace => Convert.FromHexString(
        "6b3873000a0f0a02763112094e616d657370616365121c0a140a0464656d6f12001a0022002a0032003800420012001a020a001a002200");

    /// <summary><c>kubectl create configmap cfg --from-literal=a=1</c></summary>
    public static byte[] CreateConfigMap => Convert.FromHexString(
        "6b3873000a0f0a0276311209436f6e6669674d6170121d0a130a0363666712001a0022002a0032003800420012060a01611201311a002200");

    /// <summary><c>kubectl create secret generic s1 --from-literal=password=hunter2</c></summary>
    public static byte[] CreateSecret => Convert.FromHexString(
        "6b3873000a0c0a0276311206536563726574122b0a120a02733112001a0022002a0032003800420012130a0870617373776f7264120768756e746572321a001a002200");

    /// <summary><c>kubectl auth whoami</c></summary>
    public static byte[] WhoAmI => Convert.FromHexString(
        "6b3873000a2d0a1861757468656e7469636174696f6e2e6b38732e696f2f7631121153656c665375626a656374526576696577121a0a100a0012001a0022002a0032003800420012060a040a0012001a002200");

    /// <summary><c>kubectl create token builder --audience=https://hoop.dev --audience=api --duration=10m</c></summary>
    public static byte[] CreateTokenWithAudiences => Convert.FromHexString(
        "6b3873000a280a1861757468656e7469636174696f6e2e6b38732e696f2f7631120c546f6b656e5265717565737412340a100a0012001a0022002a00320038004200121a0a1068747470733a2f2f686f6f702e6465760a0361706920d8041a040a0012001a002200");

    /// <summary><c>kubectl create token builder -n team-a --bound-object-kind=Secret --bound-object-name=s1</c></summary>
    public static byte[] CreateTokenBoundToSecret => Convert.FromHexString(
        "6b3873000a280a1861757468656e7469636174696f6e2e6b38732e696f2f7631120c546f6b656e52657175657374122e0a100a0012001a0022002a0032003800420012141a120a06536563726574120276311a02733122001a040a0012001a002200");

    /// <summary><c>kubectl auth can-i approve approvalpolicies.hoop.dev/production -n team-a</c>, discovery serving hoop.dev/v1alpha1</summary>
    public static byte[] CanIApproveProduction => Convert.FromHexString(
        "6b3873000a320a17617574686f72697a6174696f6e2e6b38732e696f2f7631121753656c665375626a656374416363657373526576696577125d0a100a0012001a0022002a00320038004200123f0a3d0a067465616d2d611207617070726f76651a08686f6f702e64657622002a10617070726f76616c706f6c696369657332003a0a70726f64756374696f6e1a08080012001a0020001a002200");

    /// <summary><c>kubectl auth can-i get /healthz</c></summary>
    public static byte[] CanIGetHealthz => Convert.FromHexString(
        "6b3873000a320a17617574686f72697a6174696f6e2e6b38732e696f2f7631121753656c665375626a656374416363657373526576696577122f0a100a0012001a0022002a003200380042001211120f0a082f6865616c74687a12036765741a08080012001a0020001a002200");

    public static TheoryData<string> Names => [.. All.Keys];

    public static IReadOnlyDictionary<string, byte[]> All => new Dictionary<string, byte[]>
    {
        [nameof(CreateNamespace)] = CreateNamespace,
        [nameof(CreateConfigMap)] = CreateConfigMap,
        [nameof(CreateSecret)] = CreateSecret,
        [nameof(WhoAmI)] = WhoAmI,
        [nameof(CreateTokenWithAudiences)] = CreateTokenWithAudiences,
        [nameof(CreateTokenBoundToSecret)] = CreateTokenBoundToSecret,
        [nameof(CanIApproveProduction)] = CanIApproveProduction,
        [nameof(CanIGetHealthz)] = CanIGetHealthz,
    };
}
