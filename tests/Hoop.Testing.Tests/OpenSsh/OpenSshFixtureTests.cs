using Hoop.Testing.OpenSsh;
using Hoop.Testing.Processes;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Hoop.Testing.Tests.OpenSsh;

public sealed class OpenSshFixtureTests(OpenSshFixture fixture) : IClassFixture<OpenSshFixture>
{
    [Fact]
    public void The_key_user_logs_in_with_the_client_key_and_runs_a_command()
    {
        var server = fixture.Server;
        using var key = new PrivateKeyFile(server.ClientKeyFile);
        using var client = new SshClient(server.Host, server.Port, server.Accounts.KeyUser, key);
        client.HostKeyReceived += (_, e) => e.CanTrust = e.HostKeyName == "ssh-ed25519" && HostKeyBlob(server) == Convert.ToBase64String(e.HostKey);
        client.Connect();

        using var command = client.RunCommand("id -un; echo $((6 * 7))");
        Assert.Equal(0, command.ExitStatus);
        Assert.Equal($"{server.Accounts.KeyUser}\n42\n", command.Result);
    }

    [Fact]
    public void The_password_user_logs_in_with_its_password()
    {
        var server = fixture.Server;
        if (!server.Accounts.HasPasswordUser)
        {
            TestEnvironment.SkipUnlessCI("password logins need the tests to run as root: only root's sshd can check passwords");
        }

        using var client = new SshClient(server.Host, server.Port, server.Accounts.PasswordUser, server.Accounts.Password);
        client.Connect();

        using var command = client.RunCommand("id -un");
        Assert.Equal($"{server.Accounts.PasswordUser}\n", command.Result);
    }

    [Fact]
    public void A_wrong_password_is_refused()
    {
        var server = fixture.Server;
        using var client = new SshClient(server.Host, server.Port, server.Accounts.PasswordUser ?? server.Accounts.KeyUser, "not-the-password");

        Assert.Throws<SshAuthenticationException>(client.Connect);
    }

    [Fact]
    public void The_password_user_cannot_log_in_with_a_key()
    {
        var server = fixture.Server;
        if (!server.Accounts.HasPasswordUser)
        {
            TestEnvironment.SkipUnlessCI("separate password and key accounts need the tests to run as root");
        }

        using var key = new PrivateKeyFile(server.ClientKeyFile);
        using var client = new SshClient(server.Host, server.Port, server.Accounts.PasswordUser, key);

        Assert.Throws<SshAuthenticationException>(client.Connect);
    }

    private static string HostKeyBlob(OpenSshServer server) => server.HostPublicKey.Split(' ')[1];
}
