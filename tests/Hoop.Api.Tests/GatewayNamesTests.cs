namespace Hoop.Api.Tests;

public sealed class GatewayNamesTests
{
    [Fact]
    public void A_gateway_service_account_names_its_connection()
    {
        var user = GatewayNames.ServiceAccountUser("payments", "orders-db");

        Assert.Equal("system:serviceaccount:payments:orders-db-gateway", user);
        Assert.Equal(("payments", "orders-db"), GatewayNames.ConnectionOf(user));
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("system:serviceaccount:payments:default")]
    [InlineData("system:serviceaccount:payments:-gateway")]
    [InlineData("system:serviceaccount::orders-db-gateway")]
    [InlineData("system:serviceaccounts:payments:orders-db-gateway")]
    public void Anyone_else_is_no_gateway(string username) => Assert.Null(GatewayNames.ConnectionOf(username));
}
