using System.Text.Json.Nodes;
using Hoop.Testing.Processes;

namespace Hoop.Chart.Tests.ArgoCd;

/// <summary>
/// Runs one of the chart's Argo CD health checks in a real Lua 5.4, as Argo CD does (its gopher-lua implements 5.1; the
/// checks use only what both have): the script becomes the body of a function of <c>obj</c>, called with the object.
/// </summary>
internal static class LuaHealthCheck
{
    public static string? Binary { get; } = TestEnvironment.FindExecutable("lua5.4", "/usr/bin/lua5.4", "/usr/local/bin/lua5.4");

    /// <summary>The health check of <paramref name="kind"/> in <c>charts/hoop/argocd</c>.</summary>
    public static string Script(string kind) => ChartFiles.Read($"argocd/hoop.dev_{kind}.lua");

    public static async Task<HealthStatus> EvaluateAsync(string kind, JsonObject obj)
    {
        if (Binary is null)
        {
            TestEnvironment.SkipUnlessCI("lua5.4 is not installed (scripts/install-deps.sh installs Debian's lua5.4)");
        }

        var program = $"""
            local function check(obj)
            {Script(kind)}
            end
            local hs = check({LuaTable.From(obj)})
            io.write(hs.status, "\n", hs.message or "", "\n")
            """;
        var result = await OneShotCommand.ExecuteAsync(Binary, ["-"], program, null, TestContext.Current.CancellationToken);
        Assert.True(result.ExitCode == 0, $"lua5.4 failed ({result.ExitCode}): {result.Error}");
        var lines = result.Output.Split('\n');
        return new HealthStatus(lines[0], lines.Length > 1 ? lines[1] : "");
    }
}

/// <summary>What a health check returned: Argo CD's status and the message it shows.</summary>
internal sealed record HealthStatus(string Status, string Message);
