using System.Text.Json.Nodes;
using Hoop.Api.Serialization;

namespace Hoop.Api.Tests;

public sealed class YamlDocumentsTests
{
    [Fact]
    public void Plain_scalars_resolve_as_the_core_schema_says_and_quoted_ones_stay_strings()
    {
        var document = YamlDocuments.ParseSingleObject("a: 2\nb: \"2\"\nc: true\nd: ~\ne: 1.5\nf: [x, 'y']\n");

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"a":2,"b":"2","c":true,"d":null,"e":1.5,"f":["x","y"]}"""), document));
    }

    [Fact]
    public void Several_documents_are_read_in_order()
    {
        Assert.Equal(2, YamlDocuments.Parse("kind: A\n---\nkind: B\n").Count);
    }

    [Fact]
    public void Malformed_yaml_names_the_line()
    {
        var error = Assert.Throws<FormatException>(() => YamlDocuments.Parse("a: 1\nb: [unclosed\n"));
        Assert.StartsWith("line ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_key_is_refused_by_name()
    {
        var error = Assert.Throws<FormatException>(() => YamlDocuments.Parse("kind: A\nspec: {}\nkind: B\n"));
        Assert.Equal("line 3, column 1: Duplicate key kind", error.Message);
    }
}
