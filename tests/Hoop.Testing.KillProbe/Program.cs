using System.Globalization;
using Hoop.Testing.MariaDb;
using Hoop.Testing.OpenSsh;
using Hoop.Testing.Postgres;

// Prints "probe PID", starts one server of each kind, prints "server KIND PID PORT DIR" per server and then "ready", and waits to be
// killed. It deliberately never disposes them: whoever kills it checks that the watchdogs clean up anyway.
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"probe {Environment.ProcessId}"));
var servers = new List<(string Kind, int Pid, int Port, string Dir)>();
if (PostgresServer.MissingPrerequisite() is null)
{
    var postgres = await PostgresServer.StartAsync();
    servers.Add(("postgres", postgres.ProcessId, postgres.Port, postgres.ScratchDirectory));
}

if (MariaDbServer.MissingPrerequisite() is null)
{
    var mariadb = await MariaDbServer.StartAsync();
    servers.Add(("mariadb", mariadb.ProcessId, mariadb.Port, mariadb.ScratchDirectory));
}

if (OpenSshServer.MissingPrerequisite() is null)
{
    var sshd = await OpenSshServer.StartAsync();
    servers.Add(("sshd", sshd.ProcessId, sshd.Port, sshd.ScratchDirectory));
}

foreach (var (kind, pid, port, dir) in servers)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"server {kind} {pid} {port} {dir}"));
}

Console.WriteLine("ready");
await Task.Delay(Timeout.Infinite);
