using System.Text;
using Hoop.Api.V1Alpha1;
using Hoop.Operator.Reconcilers.Connections;
using k8s.Models;
using static Hoop.Operator.Tests.Reconcilers.TestObjects;

namespace Hoop.Operator.Tests.Reconcilers;

public sealed class CredentialsCheckTests
{
    private static V1Secret Secret(params string[] keys) => new()
    {
        Metadata = new V1ObjectMeta { Name = "orders-db-credentials" },
        Data = keys.ToDictionary(k => k, _ => Encoding.UTF8.GetBytes("x")),
    };

    [Theory]
    [InlineData(ConnectionType.Postgres, new[] { "username", "password" }, null)]
    [InlineData(ConnectionType.MySql, new[] { "username" }, "password")]
    [InlineData(ConnectionType.Ssh, new[] { "username", "privateKey" }, null)]
    [InlineData(ConnectionType.Ssh, new[] { "username", "password" }, null)]
    [InlineData(ConnectionType.Ssh, new[] { "username" }, "password or privateKey")]
    [InlineData(ConnectionType.Kubernetes, new[] { "token" }, null)]
    [InlineData(ConnectionType.Http, new[] { "username", "password" }, "token")]
    public void Each_type_needs_its_own_keys(ConnectionType type, string[] keys, string? missing)
    {
        var problem = CredentialsCheck.MissingKeys(OrdersDb(type), Secret(keys));
        if (missing is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.NotNull(problem);
            Assert.Contains($"lacks {missing}", problem, StringComparison.Ordinal);
            Assert.Contains("orders-db-credentials", problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_empty_value_counts_as_missing()
    {
        var secret = Secret("username");
        secret.Data["password"] = [];
        Assert.NotNull(CredentialsCheck.MissingKeys(OrdersDb(), secret));
    }

    [Fact]
    public void A_target_that_cannot_be_reached_is_named()
    {
        Assert.Null(CredentialsCheck.InvalidTarget(OrdersDb()));
        var connection = OrdersDb(ConnectionType.Ssh);
        connection.Spec.Target.Database = "orders";
        connection.Spec.Target.Port = 0;
        var problem = CredentialsCheck.InvalidTarget(connection);
        Assert.NotNull(problem);
        Assert.Contains("spec.target.port 0", problem, StringComparison.Ordinal);
        Assert.Contains("spec.target.database applies only to postgres and mysql", problem, StringComparison.Ordinal);
    }
}
