using System.IO.Pipelines;
using Hoop.Gateway.Postgres.Protocol;

namespace Hoop.Gateway.Postgres.Backend;

internal static partial class PostgresBackendConnector
{
    private static async Task AuthenticateAsync(BackendLoginRequest request, PgMessageReader messages, PipeWriter output, CancellationToken cancellationToken)
    {
        ScramSha256Client? scram = null;
        while (true)
        {
            var message = await ReadAsync(messages, cancellationToken).ConfigureAwait(false);
            if (message.Type == BackendMessageType.NegotiateProtocolVersion)
            {
                NegotiateProtocolVersionMessage.Parse(message.Body);
                continue;
            }

            if (message.Type != BackendMessageType.Authentication)
            {
                throw Unexpected(message);
            }

            var authentication = AuthenticationMessage.Parse(message.Body);
            switch (authentication.Request)
            {
                case AuthenticationRequest.Ok when scram is { ServerVerified: false }:
                    throw new BackendLoginException(PgSqlState.InvalidAuthorizationSpecification,
                        "The database server accepted the login without proving it knows the password (no SCRAM server signature); check that the target is the real server.");
                case AuthenticationRequest.Ok:
                    return;
                case AuthenticationRequest.CleartextPassword:
                    FrontendMessageWriter.PasswordMessage(output, request.Password);
                    break;
                case AuthenticationRequest.Md5Password:
                    FrontendMessageWriter.PasswordMessage(output, Md5PasswordHash.Compute(request.User, request.Password, authentication.Salt));
                    break;
                case AuthenticationRequest.Sasl when Array.IndexOf(authentication.Mechanisms, ScramSha256Client.Mechanism) >= 0:
                    scram = new ScramSha256Client(request.Password);
                    FrontendMessageWriter.SaslInitialResponse(output, ScramSha256Client.Mechanism, scram.ClientFirstMessage());
                    break;
                case AuthenticationRequest.SaslContinue when scram is not null:
                    FrontendMessageWriter.SaslResponse(output, scram.ClientFinalMessage(authentication.Data));
                    break;
                case AuthenticationRequest.SaslFinal when scram is not null:
                    scram.VerifyServerFinal(authentication.Data);
                    continue;
                default:
                    throw new BackendLoginException(PgSqlState.FeatureNotSupported,
                        $"The database server asked for authentication method {authentication.Request}, which the gateway does not support; use scram-sha-256, md5 or password for the gateway's user.");
            }

            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
