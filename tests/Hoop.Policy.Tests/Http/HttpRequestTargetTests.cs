using Hoop.Policy.Http;

namespace Hoop.Policy.Tests.Http;

public sealed class HttpRequestTargetTests
{
    [Theory]
    [InlineData("/admin/x", "/admin/x")]
    [InlineData("/admin/../admin/x", "/admin/x")]
    [InlineData("/%61dmin/x", "/admin/x")]
    [InlineData("//admin//x", "/admin/x")]
    [InlineData("/public/../admin/x", "/admin/x")]
    [InlineData("/public/%2e%2e/admin/x", "/admin/x")]
    [InlineData("/public/%2E%2E/admin/x", "/admin/x")]
    [InlineData("/public/.%2e/admin/x", "/admin/x")]
    [InlineData("/./admin/./x", "/admin/x")]
    [InlineData("/../../admin/x", "/admin/x")]
    [InlineData("/admin/x/", "/admin/x/")]
    [InlineData("/admin/x/.", "/admin/x/")]
    [InlineData("/admin/x/y/..", "/admin/x/")]
    [InlineData("/", "/")]
    [InlineData("/..", "/")]
    [InlineData("/a%7eb%2Dc%5f", "/a~b-c_")]
    [InlineData("/a%20b", "/a%20b")]
    [InlineData("/caf%c3%a9", "/caf%C3%A9")]
    [InlineData("/a%3fb", "/a%3Fb")]
    [InlineData("/a%252Fb", "/a%252Fb")]
    [InlineData("/Admin/X", "/Admin/X")]
    [InlineData("/a;b=c/x", "/a;b=c/x")]
    [InlineData("http://example.com/admin/../admin/x", "/admin/x")]
    [InlineData("HTTPS://example.com:8443//admin", "/admin")]
    [InlineData("http://example.com", "/")]
    public void Paths_are_normalized_before_rules_see_them(string target, string path)
    {
        var parsed = HttpRequestTarget.Parse("GET", target);
        Assert.Null(parsed.Error);
        Assert.Equal(path, parsed.Path);
    }

    [Theory]
    [InlineData("/admin?x=1&y=%2F", "/admin", "x=1&y=%2F")]
    [InlineData("/admin?", "/admin", "")]
    [InlineData("/admin", "/admin", null)]
    [InlineData("http://h?q=1", "/", "q=1")]
    [InlineData("/a/../b?c=/../d", "/b", "c=/../d")]
    public void The_query_is_kept_apart_and_unchanged(string target, string path, string? query)
    {
        var parsed = HttpRequestTarget.Parse("GET", target);
        Assert.Null(parsed.Error);
        Assert.Equal((path, query), (parsed.Path, parsed.Query));
    }

    [Theory]
    [InlineData("get", "GET")]
    [InlineData("Delete", "DELETE")]
    [InlineData("PROPFIND", "PROPFIND")]
    public void Methods_are_upper_cased(string method, string expected)
    {
        Assert.Equal(expected, HttpRequestTarget.Parse(method, "/").Method);
    }

    [Theory]
    [InlineData("GET", "/admin%2Fx", "encodes a slash")]
    [InlineData("GET", "/admin%2fx", "encodes a slash")]
    [InlineData("GET", "/admin%5Cx", "encodes a slash or backslash")]
    [InlineData("GET", "/admin\\x", "backslash")]
    [InlineData("GET", "/admin\0x", "control")]
    [InlineData("GET", "/admin\nx", "control")]
    [InlineData("GET", "/admin%00x", "encodes a control character")]
    [InlineData("GET", "/admin%0ax", "encodes a control character")]
    [InlineData("GET", "/admin x", "space")]
    [InlineData("GET", "/admin\u00e9", "non-ASCII")]
    [InlineData("GET", "/admin%zz", "invalid percent-encoding")]
    [InlineData("GET", "/admin%2", "invalid percent-encoding")]
    [InlineData("GET", "/admin?x=%zz", "invalid percent-encoding")]
    [InlineData("GET", "/public/..;/admin", "dot segment")]
    [InlineData("GET", "/public/.;x/admin", "dot segment")]
    [InlineData("GET", "/a//../admin", "mixes '..' with '//'")]
    [InlineData("GET", "/admin#x", "fragment")]
    [InlineData("GET", "*", "not a path")]
    [InlineData("CONNECT", "example.com:443", "not a path")]
    [InlineData("GET", "ftp://example.com/x", "not a path")]
    [InlineData("GET", "http://user@example.com/x", "not a path")]
    [InlineData("GET", "", "not a path")]
    [InlineData("", "/", "not an HTTP method")]
    [InlineData("GE T", "/", "not an HTTP method")]
    [InlineData("GET\r\n", "/", "not an HTTP method")]
    public void Targets_an_upstream_could_read_differently_are_refused(string method, string target, string reason)
    {
        var parsed = HttpRequestTarget.Parse(method, target);
        Assert.NotNull(parsed.Error);
        Assert.Contains(reason, parsed.Error, StringComparison.Ordinal);
        Assert.Equal("", parsed.Path);
    }

    [Fact]
    public void Over_long_targets_are_refused()
    {
        Assert.NotNull(HttpRequestTarget.Parse("GET", "/" + new string('a', HttpRequestTarget.MaxLength)).Error);
        Assert.Null(HttpRequestTarget.Parse("GET", "/" + new string('a', HttpRequestTarget.MaxLength - 1)).Error);
    }

    [Fact]
    public void Random_input_never_throws_and_normal_paths_are_stable()
    {
        var random = new Random(11);
        const string alphabet = "/admin.%2eF5cA?;#\\ \u0001\u00e9:@h";
        for (var n = 0; n < 5000; n++)
        {
            var chars = new char[random.Next(0, 60)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[random.Next(alphabet.Length)];
            }

            var parsed = HttpRequestTarget.Parse("GET", "/" + new string(chars));
            if (parsed.Error is null)
            {
                // Normalizing a normalized path changes nothing: rules and upstream see one path.
                Assert.Equal(parsed.Path, HttpRequestTarget.Parse("GET", parsed.Path).Path);
                Assert.DoesNotContain("/../", parsed.Path + "/", StringComparison.Ordinal);
                Assert.DoesNotContain("//", parsed.Path, StringComparison.Ordinal);
            }
        }
    }
}
