using BenchmarkDotNet.Attributes;
using Hoop.Policy.Sql;

namespace Hoop.Policy.Benchmarks;

/// <summary>Classifying one statement of about 200 bytes, as the gateway does for every query; goal under 2 µs.</summary>
[MemoryDiagnoser]
public class ClassificationBenchmarks
{
    /// <summary>A typical read with a join, a filter and comments: 200 bytes.</summary>
    public const string PostgresRead =
        "/* dashboard */ SELECT o.id, o.total_cents, u.email FROM public.orders o JOIN users u ON u.id = o.user_id " +
        "WHERE o.created_at > now() - interval '7 days' AND o.status = 'paid' ORDER BY o.id LIMIT 50";

    public const string MySqlWrite =
        "UPDATE `orders` SET status = 'shipped', shipped_at = NOW() WHERE id IN (SELECT order_id FROM shipments " +
        "WHERE carrier = 'ups' AND created_at > '2026-11-01') /* batch 42 */ AND status <> 'cancelled' LIMIT 500";

    [Benchmark(Baseline = true)]
    public object PostgresStatement() => StatementClassifier.Classify(PostgresRead, SqlDialectSettings.PostgreSql);

    [Benchmark]
    public object MySqlStatement() => StatementClassifier.Classify(MySqlWrite, SqlDialectSettings.MySql);
}
