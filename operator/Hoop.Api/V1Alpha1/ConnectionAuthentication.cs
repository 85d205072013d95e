using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Hoop.Api.Schema;

namespace Hoop.Api.V1Alpha1;

/// <summary>
/// How end users authenticate to the gateway: the password field (or bearer token) carries a Kubernetes token the
/// gateway checks with a TokenReview, or an OIDC ID token checked against the issuer's keys. Set at least one.
/// </summary>
[CelRule("has(self.kubernetes) || has(self.oidc)", "set at least one of kubernetes and oidc, or no one can log in")]
public sealed class ConnectionAuthentication
{
    /// <summary>Accept Kubernetes tokens, verified by a TokenReview against the cluster's API server.</summary>
    [JsonPropertyName("kubernetes")]
    public KubernetesAuthentication? Kubernetes { get; set; }

    /// <summary>Accept OpenID Connect ID tokens from one issuer.</summary>
    [JsonPropertyName("oidc")]
    public OidcAuthentication? Oidc { get; set; }
}

/// <summary>Kubernetes TokenReview authentication.</summary>
public sealed class KubernetesAuthentication
{
    /// <summary>Audiences the token must be issued for; the API server's default audiences when empty.</summary>
    [MaxLength(16)]
    [JsonPropertyName("audiences")]
    public IList<string>? Audiences { get; set; }
}

/// <summary>OpenID Connect ID token authentication.</summary>
public sealed class OidcAuthentication
{
    /// <summary>The issuer URL; tokens must carry it as <c>iss</c>, and its discovery document names the signing keys.</summary>
    [Required]
    [MaxLength(512)]
    [RegularExpression(@"^https://[^\s]+$")]
    [JsonPropertyName("issuer")]
    public string Issuer { get; set; } = "";

    /// <summary>The audience (<c>aud</c>) tokens must be issued for: the client id registered for hoop.</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(256)]
    [JsonPropertyName("audience")]
    public string Audience { get; set; } = "";

    /// <summary>The claim that names the user.</summary>
    [DefaultValue("email")]
    [MaxLength(64)]
    [JsonPropertyName("usernameClaim")]
    public string UsernameClaim { get; set; } = "email";

    /// <summary>The claim that lists the user's groups.</summary>
    [DefaultValue("groups")]
    [MaxLength(64)]
    [JsonPropertyName("groupsClaim")]
    public string GroupsClaim { get; set; } = "groups";

    /// <summary>Prefixed to user and group names (e.g. <c>oidc:</c>) so they cannot collide with Kubernetes ones.</summary>
    [MaxLength(64)]
    [JsonPropertyName("prefix")]
    public string? Prefix { get; set; }
}
