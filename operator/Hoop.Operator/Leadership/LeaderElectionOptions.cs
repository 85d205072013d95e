using System.Security.Cryptography;

namespace Hoop.Operator.Leadership;

/// <summary>
/// Where the Lease lives and the election's timing, client-go's defaults: a leader that has not renewed for
/// <see cref="RenewDeadline"/> steps down; a candidate takes over a lease unrenewed for <see cref="LeaseDuration"/>.
/// </summary>
internal sealed record LeaderElectionOptions
{
    public required string Namespace { get; init; }

    public string LeaseName { get; init; } = "hoop-operator";

    /// <summary>This candidate's name in the Lease: the host name plus a random suffix, so two processes on one host differ.</summary>
    public string Identity { get; init; } = $"{Environment.MachineName}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";

    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Whether a graceful stop clears the holder so another candidate takes over at once.</summary>
    public bool ReleaseOnCancel { get; init; } = true;

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(Namespace);
        ArgumentException.ThrowIfNullOrEmpty(LeaseName);
        ArgumentException.ThrowIfNullOrEmpty(Identity);
        if (RenewDeadline >= LeaseDuration)
        {
            throw new ArgumentException($"the renew deadline ({RenewDeadline}) must be shorter than the lease duration ({LeaseDuration}), or two leaders could overlap");
        }

        if (RetryPeriod <= TimeSpan.Zero || RetryPeriod >= RenewDeadline)
        {
            throw new ArgumentException($"the retry period ({RetryPeriod}) must be positive and shorter than the renew deadline ({RenewDeadline})");
        }
    }
}
