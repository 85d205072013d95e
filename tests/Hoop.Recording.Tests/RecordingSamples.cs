using System.Text;
using Hoop.Recording.Chain;
using Hoop.Recording.Records;
using Hoop.Recording.Writing;
using Microsoft.Extensions.Time.Testing;

namespace Hoop.Recording.Tests;

/// <summary>Keys, a scratch directory and a realistic PostgreSQL session to record.</summary>
internal static class RecordingSamples
{
    public static readonly DateTimeOffset Start = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);

    public static readonly ReplayLogKey Key = new("recordings-2026", Encoding.UTF8.GetBytes("0123456789abcdef0123456789abcdef"));

    public static readonly ReplayLogKey OtherKeyWithSameId = new("recordings-2026", Encoding.UTF8.GetBytes("fedcba9876543210fedcba9876543210"));

    public static SessionStartRecord SessionStart(string sessionId = "s-0001") => new(
        sessionId, "payments/orders-db", "postgres", "alice@example.com", ["dba", "oncall"], "oidc", "10.0.3.7:51522", "orders", "psql");

    /// <summary>The records of a session with a read, a held delete that two reviewers approved, and a refused statement.</summary>
    public static IReadOnlyList<ReplayRecord> Session(DateTimeOffset reviewedAt) =>
    [
        new StatementRecord(1, "SELECT id, total FROM orders WHERE id = 42", "read", ["orders"], new("Allow", "production", "reads")),
        new ResultRecord(1, "SELECT 1", 1, null, TimeSpan.FromMilliseconds(3)),
        new StatementRecord(2, "DELETE FROM orders WHERE created_at < '2020-01-01'", "delete", ["orders"], new("RequireApproval", "production", "deletes")),
        new ApprovalRecord(2, "payments/orders-db-7f3k", "Pending", []),
        new ApprovalRecord(2, "payments/orders-db-7f3k", "Approved",
        [
            new("bob@example.com", "Approve", "checked the count first", reviewedAt),
            new("carol@example.com", "Approve", null, reviewedAt.AddSeconds(30)),
        ]),
        new ResultRecord(2, "DELETE 3", null, 3, TimeSpan.FromMilliseconds(12)),
        new StatementRecord(3, "DROP TABLE orders", "ddl", ["orders"], new("Deny", null, null)),
        new ErrorRecord(3, "42501", "DROP TABLE orders was denied by policy"),
        new ErrorRecord(null, null, "the client went away"),
    ];

    public static async Task RecordAsync(SessionRecorder recorder, IEnumerable<ReplayRecord> records, FakeTimeProvider time)
    {
        foreach (var record in records)
        {
            time.Advance(TimeSpan.FromMilliseconds(250));
            var cancellation = TestContext.Current.CancellationToken;
            await (record switch
            {
                StatementRecord statement => recorder.RecordStatementAsync(statement, cancellation),
                ApprovalRecord approval => recorder.RecordApprovalAsync(approval, cancellation),
                ResultRecord result => recorder.RecordResultAsync(result, cancellation),
                ErrorRecord error => recorder.RecordErrorAsync(error, cancellation),
                _ => throw new ArgumentException($"{record.GetType().Name} is written by the recorder itself", nameof(records)),
            });
        }
    }

    /// <summary>Records <see cref="Session"/> into <paramref name="directory"/> and returns the closed log's path.</summary>
    public static async Task<string> RecordSessionAsync(string directory, int checkpointEveryRecords = 4, Func<string, string>? mask = null)
    {
        var time = new FakeTimeProvider(Start);
        var options = new SessionRecorderOptions(directory, Key) { CheckpointEveryRecords = checkpointEveryRecords };
        await using var recorder = await SessionRecorder.StartAsync(
            options, SessionStart(), mask ?? (text => text), time, TestContext.Current.CancellationToken);
        await RecordAsync(recorder, Session(Start), time);
        await recorder.EndAsync("client-terminated", TestContext.Current.CancellationToken);
        return recorder.FilePath;
    }
}
