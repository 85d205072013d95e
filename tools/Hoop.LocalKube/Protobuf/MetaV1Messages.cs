using static Hoop.LocalKube.Protobuf.ProtobufField;

namespace Hoop.LocalKube.Protobuf;

/// <summary>Messages of k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto that API objects embed.</summary>
internal static class MetaV1Messages
{
    // apiVersion, kind, name and uid have no omitempty in Go, so JSON always carries them.
    public static readonly ProtobufMessage OwnerReference = new("OwnerReference",
    [
        String(5, "apiVersion", JsonPresence.Always),
        String(1, "kind", JsonPresence.Always),
        String(3, "name", JsonPresence.Always),
        String(4, "uid", JsonPresence.Always),
        Bool(6, "controller", JsonPresence.WhenSet),
        Bool(7, "blockOwnerDeletion", JsonPresence.WhenSet),
    ]);

    public static readonly ProtobufMessage ManagedFieldsEntry = new("ManagedFieldsEntry",
    [
        String(1, "manager"),
        String(2, "operation"),
        String(3, "apiVersion"),
        Time(4, "time"),
        String(6, "fieldsType"),
        RawJson(7, "fieldsV1"),
        String(8, "subresource"),
    ]);

    public static readonly ProtobufMessage ObjectMeta = new("ObjectMeta",
    [
        String(1, "name"),
        String(2, "generateName"),
        String(3, "namespace"),
        String(4, "selfLink"),
        String(5, "uid"),
        String(6, "resourceVersion"),
        Int64(7, "generation"),
        Time(8, "creationTimestamp"),
        Time(9, "deletionTimestamp"),
        Int64(10, "deletionGracePeriodSeconds", JsonPresence.WhenSet),
        StringMap(11, "labels"),
        StringMap(12, "annotations"),
        RepeatedObject(13, "ownerReferences", OwnerReference),
        RepeatedString(14, "finalizers"),
        RepeatedObject(17, "managedFields", ManagedFieldsEntry),
    ]);
}
