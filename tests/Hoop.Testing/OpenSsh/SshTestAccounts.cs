using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Hoop.Testing.Processes;

namespace Hoop.Testing.OpenSsh;

/// <summary>
/// The local accounts the throwaway sshd lets in. As root: two dedicated accounts, one that may log in only
/// by password and one only by public key, created on first use. The password is random per machine and kept
/// in a root-only file, so parallel fixtures (threads or processes) agree on it. Not as root: sshd can only
/// let in the current user, by key.
/// </summary>
public sealed record SshTestAccounts(string? PasswordUser, string? Password, string KeyUser)
{
    public const string PasswordAccount = "hoop-test-pw";
    public const string KeyAccount = "hoop-test-key";
    private const string StateDirectory = "/var/lib/hoop-test";

    /// <summary>False when the tests do not run as root: then only <see cref="KeyUser"/> exists.</summary>
    [MemberNotNullWhen(true, nameof(PasswordUser), nameof(Password))]
    public bool HasPasswordUser => PasswordUser is not null && Password is not null;

    public static async Task<SshTestAccounts> EnsureAsync(CancellationToken cancellationToken)
    {
        if (!TestEnvironment.IsRoot)
        {
            return new SshTestAccounts(null, null, Environment.UserName);
        }

        Directory.CreateDirectory(StateDirectory);
        using var exclusive = await LockAsync(Path.Combine(StateDirectory, "accounts.lock"), cancellationToken).ConfigureAwait(false);
        var passwordFile = Path.Combine(StateDirectory, "ssh-password");
        if (!File.Exists(passwordFile))
        {
            await File.WriteAllTextAsync(passwordFile, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(18)), cancellationToken).ConfigureAwait(false);
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var password = (await File.ReadAllTextAsync(passwordFile, cancellationToken).ConfigureAwait(false)).Trim();
        await EnsureAccountAsync(PasswordAccount, cancellationToken).ConfigureAwait(false);
        await EnsureAccountAsync(KeyAccount, cancellationToken).ConfigureAwait(false);
        // Set every time: cheap, and it repairs an account whose password someone changed.
        await OneShotCommand.RunAsync("chpasswd", [], $"{PasswordAccount}:{password}\n", cancellationToken).ConfigureAwait(false);
        // '*' = no password can match, yet the account is not locked ('!'), which sshd would refuse even for keys.
        await OneShotCommand.RunAsync("usermod", ["-p", "*", KeyAccount], cancellationToken: cancellationToken).ConfigureAwait(false);
        return new SshTestAccounts(PasswordAccount, password, KeyAccount);
    }

    private static async Task EnsureAccountAsync(string name, CancellationToken cancellationToken)
    {
        if (File.ReadLines("/etc/passwd").Any(l => l.StartsWith(name + ":", StringComparison.Ordinal)))
        {
            return;
        }

        await OneShotCommand.RunAsync("useradd", ["--create-home", "--shell", "/bin/bash", "--comment", "hoop-operator test account", name], cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static async Task<FileStream> LockAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive advisory lock (flock) on Unix, which other processes respect too.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
