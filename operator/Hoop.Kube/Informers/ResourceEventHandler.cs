namespace Hoop.Kube.Informers;

/// <summary>What an informer calls as its cache changes; any of the three may be left out. Called on the informer's loop: be quick.</summary>
internal sealed record ResourceEventHandler<T>(Action<T>? Added = null, Action<T, T>? Updated = null, Action<T>? Deleted = null);
