using System.Security.Cryptography.X509Certificates;
using Hoop.Gateway.Approvals;
using Hoop.Gateway.Authentication;
using Hoop.Gateway.Hosting;
using Hoop.Gateway.Postgres.Masking;
using Microsoft.Extensions.Logging;

namespace Hoop.Gateway.Sessions;

/// <summary>What every client session of the gateway shares.</summary>
internal sealed record SessionServices(
    GatewayOptions Options,
    ConnectionFollower Connection,
    AuthenticatorSource Authenticators,
    AccessRequestBroker Requests,
    SessionRegistry Registry,
    X509Certificate2 Certificate,
    ColumnCatalog Catalog,
    TimeProvider Time,
    ILoggerFactory Loggers);
