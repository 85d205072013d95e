namespace Hoop.Gateway.Postgres.Protocol;

/// <summary>The int32 code of an Authentication (R) message.</summary>
internal enum AuthenticationRequest
{
    Ok = 0,
    KerberosV5 = 2,
    CleartextPassword = 3,
    Md5Password = 5,
    Gss = 7,
    GssContinue = 8,
    Sspi = 9,
    Sasl = 10,
    SaslContinue = 11,
    SaslFinal = 12,
}
