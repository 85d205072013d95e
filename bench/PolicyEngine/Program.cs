using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Hoop.Policy.Benchmarks;

/// <summary>Runs the policy engine's benchmarks in process and prints each against its goal.</summary>
internal static class Program
{
    private static readonly (string Benchmark, double GoalMicroseconds, string What)[] Goals =
    [
        ("PostgresStatement", 2, "classify a 200-byte PostgreSQL statement"),
        ("MySqlStatement", 2, "classify a 200-byte MySQL statement"),
        ("MaskRow", 5, "mask a 100-column row, every detector on"),
    ];

    public static int Main(string[] args)
    {
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args, config);

        Console.WriteLine();
        Console.WriteLine("policy engine against its goals (this machine, this run):");
        var failed = false;
        foreach (var (benchmark, goal, what) in Goals)
        {
            var mean = Mean(summaries, benchmark);
            if (mean is null)
            {
                continue;
            }

            var met = mean.Value <= goal;
            failed |= !met;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {what,-48} {mean.Value,8:0.000} µs   goal < {goal} µs   {(met ? "met" : "MISSED")}   ({mean.Value / goal:0.00} of the goal)"));
        }

        return failed ? 1 : 0;
    }

    private static double? Mean(IEnumerable<Summary> summaries, string benchmark) =>
        summaries.SelectMany(s => s.Reports)
            .Where(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == benchmark && r.ResultStatistics is not null)
            .Select(r => r.ResultStatistics!.Mean / 1000.0)
            .Cast<double?>()
            .FirstOrDefault();
}
