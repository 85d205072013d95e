using Hoop.LocalKube.Authorization;

namespace Hoop.LocalKube.Tests.Authorization;

public sealed class GoStringLiteralTests
{
    [Theory]
    [InlineData("alice", "\"alice\"")]
    [InlineData("", "\"\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("back\\slash", "\"back\\\\slash\"")]
    [InlineData("tab\tnewline\n", "\"tab\\tnewline\\n\"")]
    [InlineData("bell\u0007escape\u001b", "\"bell\\aescape\\x1b\"")]
    [InlineData("delete\u007f", "\"delete\\x7f\"")]
    [InlineData("José 東京 🚀", "\"José 東京 🚀\"")]
    [InlineData("no\u00a0break", "\"no\\u00a0break\"")]
    [InlineData("zero\u200bwidth", "\"zero\\u200bwidth\"")]
    public void Text_is_quoted_as_go_percent_q_prints_it(string text, string quoted) => Assert.Equal(quoted, GoStringLiteral.Quote(text));
}
