namespace Hoop.Operator.Controllers;

/// <summary>How many reconciles of one kind run at once, and how long a shutdown waits for those in flight.</summary>
internal sealed record ControllerOptions
{
    public int Workers { get; init; } = 2;

    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
