using Hoop.LocalKube.Patching;

namespace Hoop.LocalKube.Tests.Patching;

public sealed class PatchKindsTests
{
    [Theory]
    [InlineData("application/json-patch+json", nameof(PatchKind.JsonPatch))]
    [InlineData("application/merge-patch+json", nameof(PatchKind.MergePatch))]
    [InlineData("application/strategic-merge-patch+json", nameof(PatchKind.StrategicMergePatch))]
    [InlineData("application/apply-patch+yaml", nameof(PatchKind.ApplyPatch))]
    [InlineData("application/merge-patch+json; charset=utf-8", nameof(PatchKind.MergePatch))]
    [InlineData("Application/JSON-Patch+JSON", nameof(PatchKind.JsonPatch))]
    [InlineData("  application/strategic-merge-patch+json ;charset=UTF-8", nameof(PatchKind.StrategicMergePatch))]
    public void Patch_media_types_are_recognised_without_parameters_or_case(string contentType, string expected)
    {
        Assert.Equal(Enum.Parse<PatchKind>(expected), PatchKinds.FromContentType(contentType));
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/vnd.kubernetes.protobuf")]
    [InlineData("application/merge-patch")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_media_types_are_not_patch_kinds(string? contentType)
    {
        Assert.Null(PatchKinds.FromContentType(contentType));
    }

    [Theory]
    [InlineData(nameof(PatchKind.JsonPatch))]
    [InlineData(nameof(PatchKind.MergePatch))]
    [InlineData(nameof(PatchKind.StrategicMergePatch))]
    [InlineData(nameof(PatchKind.ApplyPatch))]
    public void Each_kind_has_a_media_type_that_maps_back_to_it(string name)
    {
        var kind = Enum.Parse<PatchKind>(name);

        Assert.Equal(kind, PatchKinds.FromContentType(PatchKinds.MediaTypeOf(kind)));
    }
}
