namespace Hoop.Recording.Chain;

/// <summary>
/// The HMAC key that signs checkpoints (from a Kubernetes Secret) and the id written next to each signature, so a
/// verifier can pick the right key after a rotation.
/// </summary>
public sealed class ReplayLogKey
{
    /// <summary>HMAC-SHA256 keys shorter than its 32-byte output weaken it.</summary>
    public const int MinimumLength = 32;

    private readonly byte[] _secret;

    public ReplayLogKey(string keyId, ReadOnlySpan<byte> secret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        if (secret.Length < MinimumLength)
        {
            throw new ArgumentException(
                $"The recording key '{keyId}' has {secret.Length} bytes; it needs at least {MinimumLength}. Generate one with 'openssl rand 32'.",
                nameof(secret));
        }

        KeyId = keyId;
        _secret = secret.ToArray();
    }

    public string KeyId { get; }

    internal ReadOnlySpan<byte> Secret => _secret;
}
