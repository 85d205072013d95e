using System.Text.Json.Serialization;

namespace Hoop.Api.V1Alpha1;

/// <summary>The protocol a Connection's gateway speaks with clients and with the target.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConnectionType>))]
public enum ConnectionType
{
    [JsonStringEnumMemberName("postgres")]
    Postgres,

    [JsonStringEnumMemberName("mysql")]
    MySql,

    [JsonStringEnumMemberName("ssh")]
    Ssh,

    [JsonStringEnumMemberName("kubernetes")]
    Kubernetes,

    [JsonStringEnumMemberName("http")]
    Http,
}
