namespace Hoop.Kube.Informers;

/// <summary>Tuning of an informer's list, watch and reconnect behaviour; the defaults suit a cluster.</summary>
internal sealed record ResourceInformerOptions
{
    /// <summary>Objects per list page (limit/continue).</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>A watch asks the server to end after a random time between this and twice it, so watches of many informers do not reconnect in step.</summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The first reconnect delay after a failed list or watch; it doubles (with jitter) up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);
}
