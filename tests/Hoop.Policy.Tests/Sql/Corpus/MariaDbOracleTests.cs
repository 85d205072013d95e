using Hoop.Testing.MariaDb;

namespace Hoop.Policy.Tests.Sql.Corpus;

/// <summary>MariaDB refuses writes in a read-only transaction with error 1792.</summary>
public sealed class MariaDbOracleTests(MariaDbFixture fixture) : ReadOnlyOracleTests, IClassFixture<MariaDbFixture>
{
    protected override string ServerName => "MariaDB";

    protected override int MinimumRefusals => 60;

    private protected override async Task<IReadOnlyList<OracleCase>> RunCorpusAsync(CancellationToken cancellationToken)
    {
        var server = fixture.Server;
        var database = await server.CreateDatabaseAsync("corpus", cancellationToken);
        var oracle = await MariaDbReadOnlyOracle.CreateAsync(server.ConnectionStringFor(database), cancellationToken);
        return await oracle.RunCorpusAsync(cancellationToken);
    }
}
