namespace Hoop.Testing.OpenSsh;

/// <summary>One throwaway OpenSSH server per test class (<c>IClassFixture&lt;OpenSshFixture&gt;</c>).</summary>
public sealed class OpenSshFixture : ServerFixture<OpenSshServer>
{
    protected override string? MissingPrerequisite() => OpenSshServer.MissingPrerequisite();

    protected override Task<OpenSshServer> StartAsync(CancellationToken cancellationToken) => OpenSshServer.StartAsync(cancellationToken);
}
