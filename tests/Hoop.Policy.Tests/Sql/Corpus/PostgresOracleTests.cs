using Hoop.Testing.Postgres;

namespace Hoop.Policy.Tests.Sql.Corpus;

/// <summary>PostgreSQL refuses writes in a read-only transaction with SQLSTATE 25006.</summary>
public sealed class PostgresOracleTests(PostgresFixture fixture) : ReadOnlyOracleTests, IClassFixture<PostgresFixture>
{
    protected override string ServerName => "PostgreSQL";

    protected override int MinimumRefusals => 150;

    private protected override async Task<IReadOnlyList<OracleCase>> RunCorpusAsync(CancellationToken cancellationToken)
    {
        var server = fixture.Server;
        var database = await server.CreateDatabaseAsync("corpus", cancellationToken);
        await using var oracle = await PostgresReadOnlyOracle.CreateAsync(server.ConnectionStringFor(database), database, cancellationToken);
        return await oracle.RunCorpusAsync(cancellationToken);
    }
}
