namespace Hoop.Kubectl.Tests.Plugin;

/// <summary>The plugin's tests share one LocalKube and operator: starting them is the slow part.</summary>
[CollectionDefinition(Name)]
public sealed class PluginWorldDefinition : ICollectionFixture<PluginWorld>
{
    public const string Name = "kubectl hoop against LocalKube";
}
