namespace Hoop.Kubectl.Tests.Walkthrough;

/// <summary>
/// The walkthrough exactly as <c>make run</c> prints it, command by command: alice reads (masked), her ALTER TABLE is
/// held with a NOTICE, bob and carol approve it from another terminal, it runs, the replay shows it and verifies intact.
/// </summary>
public sealed class MakeRunWalkthroughTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_printed_walkthrough_works_step_by_step()
    {
        await using var stack = await MakeRunStack.StartAsync(Ct);
        var commands = stack.Commands;
        Assert.True(commands.Count == 8, $"expected 8 command lines, got {commands.Count}:\n{stack.Printed}");
        Assert.StartsWith("source ", commands[0], StringComparison.Ordinal);

        // Terminal A: alice reads; emails partially masked, SSNs redacted.
        var read = await stack.RunAsync(commands[1], Ct);
        Assert.True(read.ExitCode == 0, $"the read failed: {read.Error}");
        Assert.Contains("a***@example.com", read.Output, StringComparison.Ordinal);
        Assert.Contains("[REDACTED]", read.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("alice.martin@example.com", read.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("123-45-6789", read.Output, StringComparison.Ordinal);

        // Terminal A: the ALTER TABLE waits for approvals.
        var alter = stack.RunAsync(commands[2], Ct);

        // Terminal B: bob sees it pending and approves, then carol.
        var list = await EventuallyAsync(() => stack.RunAsync(commands[3], Ct), r => r.ExitCode == 0 && r.Output.Contains("alice", StringComparison.Ordinal));
        Assert.Contains("Pending", list.Output, StringComparison.Ordinal);
        Assert.Contains("ALTER TABLE orders", list.Output, StringComparison.Ordinal);

        var bob = await stack.RunAsync(commands[4], Ct);
        Assert.True(bob.ExitCode == 0, $"bob's approval failed: {bob.Error}");
        Assert.Contains("approved by bob (1/2", bob.Output, StringComparison.Ordinal);
        Assert.False(alter.IsCompleted, "the ALTER TABLE ran before the second approval");

        var carol = await stack.RunAsync(commands[5], Ct);
        Assert.True(carol.ExitCode == 0, $"carol's approval failed: {carol.Error}");
        Assert.Contains("(2/2)", carol.Output, StringComparison.Ordinal);

        var altered = await alter;
        Assert.True(altered.ExitCode == 0, $"the ALTER TABLE failed: {altered.Error}");
        Assert.Contains("approval required: kubectl hoop approve ar-", altered.Error, StringComparison.Ordinal);
        Assert.Contains("ALTER TABLE", altered.Output, StringComparison.Ordinal);

        // Terminal A: the session's replay, and its verification.
        var replay = await stack.RunAsync(commands[6], Ct);
        Assert.True(replay.ExitCode == 0, $"replay failed: {replay.Error}");
        Assert.Contains("ALTER TABLE orders ADD COLUMN shipped_at", replay.Output, StringComparison.Ordinal);
        Assert.Contains("Approve by bob", replay.Output, StringComparison.Ordinal);

        var verify = await stack.RunAsync(commands[7], Ct);
        Assert.True(verify.ExitCode == 0, $"verify failed: {verify.Output}{verify.Error}");
        Assert.Contains("intact", verify.Output, StringComparison.Ordinal);

        // Ctrl-C (here SIGTERM) stops everything and leaves nothing behind.
        var run = commands[0]["source ".Length..];
        Assert.Equal(130, await stack.StopAsync()); // the exit status of an interrupted script
        Assert.False(File.Exists(run), $"{run} is still there after the stop");
    }

    private static async Task<Testing.Processes.CommandResult> EventuallyAsync(
        Func<Task<Testing.Processes.CommandResult>> run, Func<Testing.Processes.CommandResult, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var result = await run();
            if (done(result) || DateTime.UtcNow > deadline)
            {
                return result;
            }

            await Task.Delay(250, Ct);
        }
    }
}
