namespace Hoop.Testing.MariaDb;

/// <summary>One throwaway MariaDB server per test class (<c>IClassFixture&lt;MariaDbFixture&gt;</c>).</summary>
public sealed class MariaDbFixture : ServerFixture<MariaDbServer>
{
    protected override string? MissingPrerequisite() => MariaDbServer.MissingPrerequisite();

    protected override Task<MariaDbServer> StartAsync(CancellationToken cancellationToken) => MariaDbServer.StartAsync(cancellationToken);
}
