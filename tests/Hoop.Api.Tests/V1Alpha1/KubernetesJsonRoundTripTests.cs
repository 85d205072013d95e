using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Hoop.Api.V1Alpha1;
using k8s;

namespace Hoop.Api.Tests.V1Alpha1;

public sealed class KubernetesJsonRoundTripTests
{
    private const int Seeds = 300;

    [Fact]
    public void Connections_round_trip_without_losing_fields() => RoundTrips<Connection>();

    [Fact]
    public void Approval_policies_round_trip_without_losing_fields() => RoundTrips<ApprovalPolicy>();

    [Fact]
    public void Access_requests_round_trip_without_losing_fields() => RoundTrips<AccessRequest>();

    [Theory]
    [InlineData(typeof(Connection))]
    [InlineData(typeof(ApprovalPolicy))]
    [InlineData(typeof(AccessRequest))]
    public void A_fully_populated_object_serializes_every_declared_field(Type kind)
    {
        var create = typeof(RandomObjects).GetMethod(nameof(RandomObjects.Create))!.MakeGenericMethod(kind);
        var json = KubernetesJson.Serialize(create.Invoke(new RandomObjects(seed: 1, nullChance: 0), null)!);
        var seen = Keys(JsonNode.Parse(json)!).ToHashSet();

        var declared = DeclaredFields(kind, []).ToList();
        Assert.NotEmpty(declared);
        var lost = declared.Where(name => !seen.Contains(name)).ToList();
        Assert.True(lost.Count == 0, $"never serialized: {string.Join(", ", lost)}");
    }

    [Fact]
    public void Kind_and_api_version_are_set_and_enums_use_their_wire_names()
    {
        var connection = new Connection { Spec = { Type = ConnectionType.MySql } };
        var json = JsonNode.Parse(KubernetesJson.Serialize(connection))!;

        Assert.Equal("hoop.dev/v1alpha1", json["apiVersion"]!.GetValue<string>());
        Assert.Equal("Connection", json["kind"]!.GetValue<string>());
        Assert.Equal("mysql", json["spec"]!["type"]!.GetValue<string>());
        Assert.Equal("VerifyFull", KubernetesJson.Deserialize<Connection>("""{"spec":{"target":{"tls":{}}}}""").Spec.Target.Tls!.Mode.ToString());
    }

    private static void RoundTrips<T>()
    {
        for (var seed = 0; seed < Seeds; seed++)
        {
            var original = new RandomObjects(seed, nullChance: 0.3).Create<T>();
            var json = KubernetesJson.Serialize(original!);
            var again = KubernetesJson.Serialize(KubernetesJson.Deserialize<T>(json)!);
            Assert.True(json == again, $"seed {seed}: the {typeof(T).Name} changed on the way through KubernetesJson:\n{json}\n{again}");
        }
    }

    private static IEnumerable<string> Keys(JsonNode node) => node switch
    {
        JsonObject obj => obj.SelectMany(e => e.Value is null ? [e.Key] : Keys(e.Value).Prepend(e.Key)),
        JsonArray array => array.SelectMany(i => i is null ? [] : Keys(i)),
        _ => [],
    };

    private static IEnumerable<string> DeclaredFields(Type type, HashSet<Type> visited)
    {
        if (type.Namespace != typeof(Connection).Namespace || !visited.Add(type))
        {
            yield break;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<JsonPropertyNameAttribute>() is { } name)
            {
                yield return name.Name;
            }

            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var element = propertyType.IsGenericType ? propertyType.GetGenericArguments()[0] : propertyType;
            foreach (var nested in DeclaredFields(element, visited))
            {
                yield return nested;
            }
        }
    }
}
