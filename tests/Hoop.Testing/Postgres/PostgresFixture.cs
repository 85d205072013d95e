namespace Hoop.Testing.Postgres;

/// <summary>One throwaway PostgreSQL 15 server per test class (<c>IClassFixture&lt;PostgresFixture&gt;</c>).</summary>
public sealed class PostgresFixture : ServerFixture<PostgresServer>
{
    protected override string? MissingPrerequisite() => PostgresServer.MissingPrerequisite();

    protected override Task<PostgresServer> StartAsync(CancellationToken cancellationToken) => PostgresServer.StartAsync(cancellationToken);
}
