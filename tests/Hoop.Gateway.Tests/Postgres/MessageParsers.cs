using Hoop.Gateway.Postgres.Protocol;

namespace Hoop.Gateway.Tests.Postgres;

/// <summary>Runs every parser that applies to a message, walking value lists to the end, as the gateway would.</summary>
internal static class MessageParsers
{
    public static readonly byte[] FrontendTypes = "BCdcfDEHFPpQSX"u8.ToArray();

    public static readonly byte[] BackendTypes = "RK23CWdcGHDIEVvnNAtS1sZT"u8.ToArray();

    public static void ParseFrontend(PgMessage message)
    {
        var body = message.Body;
        switch (message.Type)
        {
            case FrontendMessageType.Query: QueryMessage.Parse(body); break;
            case FrontendMessageType.Parse: ParseMessage.Parse(body); break;
            case FrontendMessageType.Bind: Walk(BindMessage.Parse(body).Parameters); break;
            case FrontendMessageType.Describe: DescribeMessage.Parse(body); break;
            case FrontendMessageType.Close: CloseMessage.Parse(body); break;
            case FrontendMessageType.Execute: ExecuteMessage.Parse(body); break;
            case FrontendMessageType.CopyFail: CopyFailMessage.Parse(body); break;
            case FrontendMessageType.FunctionCall: Walk(FunctionCallMessage.Parse(body).Arguments); break;
            case FrontendMessageType.Password:
                ParsePassword(body);
                break;
            case FrontendMessageType.Sync or FrontendMessageType.Flush or FrontendMessageType.Terminate or FrontendMessageType.CopyDone:
                EmptyMessage.Validate(body, "empty message");
                break;
        }
    }

    public static void ParseBackend(PgMessage message)
    {
        var body = message.Body;
        switch (message.Type)
        {
            case BackendMessageType.Authentication: AuthenticationMessage.Parse(body); break;
            case BackendMessageType.ParameterStatus: ParameterStatusMessage.Parse(body); break;
            case BackendMessageType.BackendKeyData: BackendKeyDataMessage.Parse(body); break;
            case BackendMessageType.ReadyForQuery: ReadyForQueryMessage.Parse(body); break;
            case BackendMessageType.RowDescription: RowDescriptionMessage.Parse(body); break;
            case BackendMessageType.DataRow: Walk(DataRowMessage.Parse(body).Columns); break;
            case BackendMessageType.CommandComplete: CommandCompleteMessage.Parse(body); break;
            case BackendMessageType.ErrorResponse or BackendMessageType.NoticeResponse: PgNotice.Parse(body); break;
            case BackendMessageType.ParameterDescription: ParameterDescriptionMessage.Parse(body); break;
            case BackendMessageType.CopyInResponse or BackendMessageType.CopyOutResponse or BackendMessageType.CopyBothResponse:
                CopyResponseMessage.Parse(body);
                break;
            case BackendMessageType.NotificationResponse: NotificationResponseMessage.Parse(body); break;
            case BackendMessageType.NegotiateProtocolVersion: NegotiateProtocolVersionMessage.Parse(body); break;
            case BackendMessageType.EmptyQueryResponse or BackendMessageType.NoData or BackendMessageType.ParseComplete
                or BackendMessageType.BindComplete or BackendMessageType.CloseComplete or BackendMessageType.PortalSuspended:
                EmptyMessage.Validate(body, "empty message");
                break;
        }
    }

    /// <summary>Only the authentication exchange tells which 'p' this is; try the SASL shape, then the password shape.</summary>
    private static void ParsePassword(System.Buffers.ReadOnlySequence<byte> body)
    {
        try
        {
            SaslInitialResponseMessage.Parse(body);
        }
        catch (PgProtocolException)
        {
            PasswordMessage.Parse(body);
        }
    }

    private static void Walk(PgValueList values)
    {
        foreach (var value in values)
        {
            _ = value.WireLength;
        }
    }
}
