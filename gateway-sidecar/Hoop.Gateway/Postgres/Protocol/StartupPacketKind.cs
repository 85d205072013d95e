namespace Hoop.Gateway.Postgres.Protocol;

/// <summary>What an untyped packet of the startup phase asks for.</summary>
internal enum StartupPacketKind
{
    Startup,
    SslRequest,
    GssEncryptionRequest,
    CancelRequest,
}
