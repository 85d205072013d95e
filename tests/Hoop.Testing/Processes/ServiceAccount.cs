namespace Hoop.Testing.Processes;

/// <summary>
/// The unprivileged system account a server runs as when the tests run as root (PostgreSQL refuses to run as
/// root; MariaDB should not). When the tests do not run as root, servers simply run as the current user.
/// </summary>
public sealed record ServiceAccount(string Name)
{
    public static ServiceAccount Postgres { get; } = new("postgres");

    public static ServiceAccount MySql { get; } = new("mysql");

    /// <summary>True when commands must switch to this account, i.e. when the tests run as root.</summary>
    public static bool SwitchNeeded => TestEnvironment.IsRoot;

    /// <summary>The account to run a server as: this one when the tests run as root, else none (the current user).</summary>
    public ServiceAccount? WhenSwitchNeeded => SwitchNeeded ? this : null;

    /// <summary>The missing-account message, or null when the account exists or no switch is needed.</summary>
    public string? MissingReason(string package) =>
        SwitchNeeded && !File.ReadLines("/etc/passwd").Any(l => l.StartsWith(Name + ":", StringComparison.Ordinal))
            ? $"system account '{Name}' does not exist; it comes with the Debian package {package} (run `make deps`)"
            : null;

    /// <summary>The <c>setpriv</c> options that switch to this account.</summary>
    public IReadOnlyList<string> SetprivOptions => [$"--reuid={Name}", $"--regid={Name}", "--init-groups"];

    public async Task GiveOwnershipAsync(string path, CancellationToken cancellationToken)
    {
        if (SwitchNeeded)
        {
            await OneShotCommand.RunAsync("chown", ["-R", $"{Name}:{Name}", path], cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
