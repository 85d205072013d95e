using Hoop.Api.Serialization;

namespace Hoop.Manifests.Tests;

/// <summary>
/// Each file under Invalid/ is an object the API server must refuse. Its header says where (<c># expect: FIELD</c>) and
/// what the message must say (<c># message: TEXT</c>); one error must name that field and carry that text.
/// </summary>
public sealed class InvalidObjectTests
{
    public static TheoryData<string> Cases =>
        new(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Invalid"), "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Is_rejected_with_a_message_naming_the_field(string file)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Invalid", file));
        var field = Header(text, "expect") ?? throw new InvalidOperationException($"{file} has no '# expect: FIELD' line");
        var message = Header(text, "message") ?? "";
        var candidate = YamlDocuments.ParseSingleObject(text);

        var errors = Validators.For(candidate["kind"]!.GetValue<string>()).Validate(candidate);

        Assert.True(
            errors.Any(e => e.StartsWith(field + ":", StringComparison.Ordinal) && e.Contains(message, StringComparison.Ordinal)),
            $"{file}: expected an error at '{field}' saying '{message}', got:\n{string.Join('\n', errors)}");
    }

    [Fact]
    public void There_are_invalid_cases_for_every_kind()
    {
        var kinds = Cases.Select(c => YamlDocuments.ParseSingleObject(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Invalid", (string)c.Data)))["kind"]!.GetValue<string>());
        Assert.Equal(["AccessRequest", "ApprovalPolicy", "Connection"], kinds.Distinct().Order());
    }

    private static string? Header(string text, string key) =>
        text.Split('\n').Where(l => l.StartsWith($"# {key}: ", StringComparison.Ordinal)).Select(l => l[(key.Length + 4)..].Trim()).FirstOrDefault();
}
