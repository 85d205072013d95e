using System.Globalization;
using Hoop.Testing.Postgres;
using Hoop.Testing.Processes;

namespace Hoop.Gateway.Tests.EndToEnd;

/// <summary>The gateway world with pgbench's tables, created by <c>pgbench -i</c> straight against PostgreSQL.</summary>
public sealed class PgbenchWorld : IAsyncLifetime
{
    public GatewayWorld World { get; } = new();

    public string? InitializeProblem { get; private set; }

    public async ValueTask InitializeAsync()
    {
        await World.InitializeAsync();
        if (World.MissingReason is not null || TestEnvironment.FindExecutable("pgbench", Path.Combine(PostgresServer.BinDirectory, "pgbench")) is not { } pgbench)
        {
            return;
        }

        var postgres = World.Postgres;
        var result = await PostgresClientPrograms.RunAsync(pgbench,
            ["-i", "-s", "1", "-h", postgres.Host, "-p", postgres.Port.ToString(CultureInfo.InvariantCulture), "-U", postgres.Username, World.Database],
            postgres.Password, "disable", TestContext.Current.CancellationToken);
        InitializeProblem = result.ExitCode == 0 ? null : $"pgbench -i exited with {result.ExitCode}: {result.Error}";
    }

    public ValueTask DisposeAsync() => World.DisposeAsync();
}
