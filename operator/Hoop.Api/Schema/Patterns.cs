namespace Hoop.Api.Schema;

/// <summary>Regular expressions shared by several fields' validation.</summary>
public static class Patterns
{
    /// <summary>An RFC 1123 DNS label: what Kubernetes accepts as the name of most objects.</summary>
    public const string DnsLabel = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    /// <summary>An RFC 1123 DNS subdomain: Secret and Connection names.</summary>
    public const string DnsSubdomain = @"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

    /// <summary>A lowercase hex SHA-256 digest.</summary>
    public const string Sha256 = "^[a-f0-9]{64}$";
}
