using Hoop.Api.V1Alpha1;
using Hoop.Kube.Informers;
using Hoop.Operator.Controllers;
using k8s.Models;

namespace Hoop.Operator.Tests.Controllers;

public sealed class PredicatesTests
{
    [Fact]
    public void A_change_of_status_alone_is_filtered_out()
    {
        var old = Connection();
        var @new = Connection();
        @new.Status = new ConnectionStatus { Endpoint = "conn.gw:5432" };
        @new.Metadata.ResourceVersion = "8";

        Assert.False(Predicates.GenerationChanged(old, @new));
    }

    [Theory]
    [InlineData("generation")]
    [InlineData("label")]
    [InlineData("annotation")]
    [InlineData("finalizer")]
    [InlineData("owner")]
    [InlineData("deletion")]
    public void A_change_to_spec_or_metadata_that_matters_passes(string what)
    {
        var old = Connection();
        var @new = Connection();
        var meta = @new.Metadata;
        switch (what)
        {
            case "generation": meta.Generation = 2; break;
            case "label": meta.Labels["team"] = "billing"; break;
            case "annotation": meta.Annotations = new Dictionary<string, string> { ["note"] = "x" }; break;
            case "finalizer": meta.Finalizers = ["hoop.dev/gateway"]; break;
            case "owner": meta.OwnerReferences = [new V1OwnerReference { Uid = "u", Name = "o", Kind = "K", ApiVersion = "v1" }]; break;
            case "deletion": meta.DeletionTimestamp = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc); break;
        }

        Assert.True(Predicates.GenerationChanged(old, @new));
    }

    [Fact]
    public void The_owner_named_by_the_controller_reference_of_the_right_kind_is_the_key()
    {
        var meta = new V1ObjectMeta
        {
            NamespaceProperty = "payments",
            OwnerReferences =
            [
                new V1OwnerReference { ApiVersion = "hoop.dev/v1alpha1", Kind = "Connection", Name = "not-controller", Uid = "1", Controller = false },
                new V1OwnerReference { ApiVersion = "apps/v1", Kind = "StatefulSet", Name = "other-kind", Uid = "2", Controller = true },
                new V1OwnerReference { ApiVersion = "hoop.dev/v1alpha1", Kind = "Connection", Name = "orders-db", Uid = "3", Controller = true },
            ],
        };

        Assert.Equal([new ObjectKey("payments", "orders-db")], Controller.OwnerOf(meta, "hoop.dev/v1alpha1", "Connection"));
        Assert.Empty(Controller.OwnerOf(new V1ObjectMeta { NamespaceProperty = "payments" }, "hoop.dev/v1alpha1", "Connection"));
    }

    private static Connection Connection() => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "conn",
            NamespaceProperty = "payments",
            Generation = 1,
            ResourceVersion = "7",
            Labels = new Dictionary<string, string> { ["env"] = "prod" },
        },
    };
}
