namespace Hoop.Api;

/// <summary>The API group, version and category every hoop custom resource is served under.</summary>
public static class HoopApiGroup
{
    public const string Group = "hoop.dev";
    public const string Version = "v1alpha1";
    public const string ApiVersion = Group + "/" + Version;

    /// <summary>The category that makes <c>kubectl get hoop</c> list all three kinds.</summary>
    public const string Category = "hoop";
}
