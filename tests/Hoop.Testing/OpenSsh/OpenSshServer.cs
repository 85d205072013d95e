using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Hoop.Testing.Processes;

namespace Hoop.Testing.OpenSsh;

/// <summary>
/// A throwaway OpenSSH sshd with its own host key and configuration on a free loopback port. It lets in
/// <see cref="SshTestAccounts.PasswordUser"/> by password only and <see cref="SshTestAccounts.KeyUser"/> by the
/// generated client key (<see cref="ClientKeyFile"/>) only.
/// </summary>
public sealed class OpenSshServer : IAsyncDisposable
{
    public const string Package = "openssh-server";
    public const string ServerBinary = "/usr/sbin/sshd";
    public const string KeygenBinary = "/usr/bin/ssh-keygen";

    private readonly ServerProcess _process;

    private OpenSshServer(ServerProcess process, int port, SshTestAccounts accounts, string hostPublicKey)
    {
        _process = process;
        Port = port;
        Accounts = accounts;
        HostPublicKey = hostPublicKey;
    }

    public string Host { get; } = "127.0.0.1";

    public int Port { get; }

    public SshTestAccounts Accounts { get; }

    /// <summary>The server's host public key in OpenSSH format (<c>ssh-ed25519 AAAA...</c>), for host key checks.</summary>
    public string HostPublicKey { get; }

    /// <summary>The OpenSSH private key (ed25519, no passphrase) that logs in <see cref="SshTestAccounts.KeyUser"/>.</summary>
    public string ClientKeyFile => Path.Combine(_process.ScratchDirectory, "client_ed25519");

    public int ProcessId => _process.ServerPid;

    public string ScratchDirectory => _process.ScratchDirectory;

    public static string? MissingPrerequisite()
    {
        if (!File.Exists(ServerBinary))
        {
            return $"OpenSSH server is not installed (no {ServerBinary}); install the Debian package {Package} (run `make deps`)";
        }

        return File.Exists(KeygenBinary) ? null : $"ssh-keygen is missing (no {KeygenBinary}); install the Debian package openssh-client (run `make deps`)";
    }

    public static Task<OpenSshServer> StartAsync(CancellationToken cancellationToken = default) =>
        PortRetry.StartAsync(StartOnPortAsync, cancellationToken);

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static async Task<OpenSshServer> StartOnPortAsync(int port, CancellationToken cancellationToken)
    {
        var accounts = await SshTestAccounts.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var scratch = ServerProcess.CreateScratchDirectory("sshd");
        // sshd reads authorized_keys as the target user, who must be able to reach them.
        File.SetUnixFileMode(scratch, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var hostKey = Path.Combine(scratch, "host_ed25519");
        var clientKey = Path.Combine(scratch, "client_ed25519");
        await OneShotCommand.RunAsync(KeygenBinary, ["-q", "-t", "ed25519", "-N", "", "-C", "hoop-test-host", "-f", hostKey], cancellationToken: cancellationToken).ConfigureAwait(false);
        await OneShotCommand.RunAsync(KeygenBinary, ["-q", "-t", "ed25519", "-N", "", "-C", "hoop-test-client", "-f", clientKey], cancellationToken: cancellationToken).ConfigureAwait(false);
        var authorizedKeys = Directory.CreateDirectory(Path.Combine(scratch, "authorized_keys")).FullName;
        var clientPublicKey = await File.ReadAllTextAsync(clientKey + ".pub", cancellationToken).ConfigureAwait(false);
        // The key is authorized for the password user too, so that only the configuration keeps it out.
        foreach (var user in new[] { accounts.KeyUser, accounts.PasswordUser }.OfType<string>())
        {
            await File.WriteAllTextAsync(Path.Combine(authorizedKeys, user), clientPublicKey, cancellationToken).ConfigureAwait(false);
        }

        var config = Path.Combine(scratch, "sshd_config");
        await File.WriteAllTextAsync(config, Configuration(port, scratch, hostKey, authorizedKeys, accounts), cancellationToken).ConfigureAwait(false);
        if (TestEnvironment.IsRoot)
        {
            // Debian's sshd refuses to start without its privilege separation directory, normally made by systemd.
            Directory.CreateDirectory("/run/sshd");
        }

        var script = "exec " + ShellScript.Command(ServerBinary, "-D", "-e", "-f", config);
        var process = await ServerProcess.StartAsync(scratch, script, "TERM", runAs: null, cancellationToken).ConfigureAwait(false);
        try
        {
            await process.WaitUntilReadyAsync(ct => SendsBannerAsync(port, ct), TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            var hostPublicKey = (await File.ReadAllTextAsync(hostKey + ".pub", cancellationToken).ConfigureAwait(false)).Trim();
            return new OpenSshServer(process, port, accounts, hostPublicKey);
        }
        catch
        {
            await process.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static string Configuration(int port, string scratch, string hostKey, string authorizedKeys, SshTestAccounts accounts)
    {
        var config = new StringBuilder();
        config.AppendLine(CultureInfo.InvariantCulture, $"Port {port}");
        config.AppendLine("ListenAddress 127.0.0.1");
        config.AppendLine(CultureInfo.InvariantCulture, $"HostKey {hostKey}");
        config.AppendLine(CultureInfo.InvariantCulture, $"PidFile {Path.Combine(scratch, "sshd.pid")}");
        config.AppendLine(CultureInfo.InvariantCulture, $"AuthorizedKeysFile {authorizedKeys}/%u");
        config.AppendLine("StrictModes no");
        config.AppendLine("UsePAM no");
        config.AppendLine("PermitRootLogin no");
        config.AppendLine("KbdInteractiveAuthentication no");
        config.AppendLine("PasswordAuthentication yes");
        config.AppendLine("PubkeyAuthentication yes");
        config.AppendLine("MaxStartups 100");
        config.AppendLine("LogLevel VERBOSE");
        config.AppendLine("Subsystem sftp internal-sftp");
        if (accounts.PasswordUser is not null)
        {
            config.AppendLine(CultureInfo.InvariantCulture, $"AllowUsers {accounts.PasswordUser} {accounts.KeyUser}");
            config.AppendLine(CultureInfo.InvariantCulture, $"Match User {accounts.PasswordUser}");
            config.AppendLine("  PubkeyAuthentication no");
        }
        else
        {
            config.AppendLine(CultureInfo.InvariantCulture, $"AllowUsers {accounts.KeyUser}");
        }

        config.AppendLine(CultureInfo.InvariantCulture, $"Match User {accounts.KeyUser}");
        config.AppendLine("  PasswordAuthentication no");
        return config.ToString();
    }

    private static async Task<bool> SendsBannerAsync(int port, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, timeout.Token).ConfigureAwait(false);
        var buffer = new byte[64];
        var read = await client.GetStream().ReadAsync(buffer, timeout.Token).ConfigureAwait(false);
        return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("SSH-2.0-", StringComparison.Ordinal);
    }
}
