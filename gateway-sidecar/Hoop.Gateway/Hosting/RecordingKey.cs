namespace Hoop.Gateway.Hosting;

/// <summary>The HMAC key that signs replay-log checkpoints, and an identifier of it recorded with each signature.</summary>
internal sealed record RecordingKey(string KeyId, byte[] Key)
{
    /// <summary>Shorter keys are refused: an HMAC-SHA256 key below 32 bytes weakens the signature.</summary>
    public const int MinimumLength = 32;

    public override string ToString() => $"{KeyId} (key hidden)";
}
