namespace Hoop.Gateway.Postgres.Protocol;

/// <summary>A parsed startup-phase packet: a StartupMessage with its parameters, an encryption request, or a CancelRequest.</summary>
internal sealed class StartupPacket
{
    public const int ProtocolVersion3 = 196608;
    public const int SslRequestCode = 80877103;
    public const int GssEncryptionRequestCode = 80877104;
    public const int CancelRequestCode = 80877102;

    private static readonly Dictionary<string, string> NoParameters = [];

    private StartupPacket(StartupPacketKind kind, int protocolVersion, IReadOnlyDictionary<string, string> parameters, int processId, int secretKey)
    {
        Kind = kind;
        ProtocolVersion = protocolVersion;
        Parameters = parameters;
        ProcessId = processId;
        SecretKey = secretKey;
    }

    public StartupPacketKind Kind { get; }

    /// <summary>The requested protocol version (major in the high 16 bits) of a StartupMessage.</summary>
    public int ProtocolVersion { get; }

    /// <summary>The StartupMessage's parameters in arrival order; always holds <c>user</c>.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>The backend process a CancelRequest targets.</summary>
    public int ProcessId { get; }

    /// <summary>The cancel key of a CancelRequest.</summary>
    public int SecretKey { get; }

    public string User => Parameters["user"];

    /// <summary>The database, which PostgreSQL defaults to the user name.</summary>
    public string Database => Parameters.TryGetValue("database", out var database) ? database : User;

    public static StartupPacket Startup(int protocolVersion, IReadOnlyDictionary<string, string> parameters) =>
        new(StartupPacketKind.Startup, protocolVersion, parameters, 0, 0);

    public static StartupPacket Cancel(int processId, int secretKey) =>
        new(StartupPacketKind.CancelRequest, 0, NoParameters, processId, secretKey);

    public static StartupPacket EncryptionRequest(StartupPacketKind kind) => new(kind, 0, NoParameters, 0, 0);
}
