using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Hoop.Api.Serialization;
using Hoop.LocalKube.Hosting;

// The operator restarted over 10,000 pending AccessRequests: how long until every one is reconciled, the operator
// process's peak memory, and whether any was written (re-decided) again. Goals: under 10 s and under 256 MiB.
const int Requests = 10_000;
const double GoalSeconds = 10;
const double GoalMiB = 256;

var root = FindRoot();
var work = Directory.CreateTempSubdirectory("hoop-bench-operator-").FullName;
await using var server = await LocalKube.StartAsync(new LocalKubeOptions { TokensCsv = "bench-token,bench,uid-bench,\"system:masters\"" });
var kubeconfig = Path.Combine(work, "kubeconfig");
await File.WriteAllTextAsync(kubeconfig, server.Kubeconfig("bench"));
using var ca = X509Certificate2.CreateFromPem(server.CertificateAuthorityPem);
using var handler = new SocketsHttpHandler
{
    MaxConnectionsPerServer = 64,
    SslOptions = { RemoteCertificateValidationCallback = (_, certificate, chain, _) =>
    {
        chain!.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        return chain.Build((X509Certificate2)certificate!);
    } },
};
using var http = new HttpClient(handler) { BaseAddress = server.Url, Timeout = TimeSpan.FromMinutes(2) };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "bench-token");

foreach (var crd in Directory.GetFiles(Path.Combine(root, "crds"), "*.yaml"))
{
    await PostAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", YamlDocuments.ParseSingleObject(await File.ReadAllTextAsync(crd)));
}

await Task.Delay(500);
await PostAsync("/api/v1/namespaces", new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = "payments" } });
foreach (var (sample, plural) in new[] { ("v1_secret_orders-db-credentials.yaml", "/api/v1/namespaces/payments/secrets"),
    ("hoop.dev_v1alpha1_approvalpolicy_production.yaml", "/apis/hoop.dev/v1alpha1/namespaces/payments/approvalpolicies"),
    ("hoop.dev_v1alpha1_connection_orders-db.yaml", "/apis/hoop.dev/v1alpha1/namespaces/payments/connections") })
{
    await PostAsync(plural, YamlDocuments.ParseSingleObject(await File.ReadAllTextAsync(Path.Combine(root, "samples", sample))));
}

var clock = Stopwatch.StartNew();
await Parallel.ForAsync(0, Requests, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) => await PostAsync(
    "/apis/hoop.dev/v1alpha1/namespaces/payments/accessrequests",
    Request(i)));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"created {Requests} AccessRequests in {clock.Elapsed.TotalSeconds:0.0} s"));

// First run: the operator decides every request (Pending, two approvals needed).
{
    var first = StartOperator();
    clock.Restart();
    while (await CountPendingAsync() < Requests)
    {
        await Task.Delay(500);
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first run: all {Requests} Pending after {clock.Elapsed.TotalSeconds:0.0} s"));
    await StopAsync(first.Process);
    first.Process.Dispose();
}

var before = await VersionsAsync();

// The restart being measured.
var second = StartOperator();
clock.Restart();
double reconciled;
while ((reconciled = await ReconcilesAsync(second.MetricsUrl)) < Requests)
{
    if (second.Process.HasExited)
    {
        throw new InvalidOperationException($"the operator exited with {second.Process.ExitCode}");
    }

    await Task.Delay(100);
}

var seconds = clock.Elapsed.TotalSeconds;
var peakMiB = PeakMiB(second.Process.Id);
var after = await VersionsAsync();
await StopAsync(second.Process);
second.Process.Dispose();
var rewritten = before.Count(v => after.GetValueOrDefault(v.Key) != v.Value);

Console.WriteLine();
Console.WriteLine("operator restart against its goals (this machine, this run):");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"  reconcile {Requests} pending AccessRequests after a restart   {seconds,6:0.00} s    goal < {GoalSeconds} s     {(seconds < GoalSeconds ? "met" : "MISSED")}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"  operator peak memory (VmHWM) meanwhile                  {peakMiB,6:0} MiB  goal < {GoalMiB} MiB  {(peakMiB < GoalMiB ? "met" : "MISSED")}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"  requests written again by the restarted operator        {rewritten,6}        goal 0         {(rewritten == 0 ? "met" : "MISSED")}"));
Directory.Delete(work, recursive: true);
return seconds < GoalSeconds && peakMiB < GoalMiB && rewritten == 0 ? 0 : 1;

static JsonObject Request(int i) => JsonNode.Parse(
    "{\"apiVersion\":\"hoop.dev/v1alpha1\",\"kind\":\"AccessRequest\",\"metadata\":{\"name\":\"req-" + i.ToString(CultureInfo.InvariantCulture) +
    "\",\"namespace\":\"payments\"},\"spec\":{\"connectionRef\":{\"name\":\"orders-db\"},\"requester\":{\"username\":\"alice\"}," +
    "\"reason\":\"bench\",\"execution\":\"Gateway\",\"operation\":{\"sql\":{\"statement\":\"ALTER TABLE orders ADD COLUMN c" +
    i.ToString(CultureInfo.InvariantCulture) + " int\"}}}}")!.AsObject();

async Task PostAsync(string path, JsonObject body)
{
    using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
    using var response = await http.PostAsync(path, content);
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}

async Task<JsonArray> ListAsync() =>
    JsonNode.Parse(await http.GetStringAsync("/apis/hoop.dev/v1alpha1/namespaces/payments/accessrequests"))!["items"]!.AsArray();

async Task<int> CountPendingAsync() => (await ListAsync()).Count(r => r!["status"]?["phase"]?.GetValue<string>() == "Pending");

async Task<Dictionary<string, string>> VersionsAsync() => (await ListAsync()).ToDictionary(
    r => r!["metadata"]!["name"]!.GetValue<string>(), r => r!["metadata"]!["resourceVersion"]!.GetValue<string>());

(Process Process, Uri MetricsUrl) StartOperator()
{
    var port = FreePort();
    var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
    foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "hoop-operator.dll"), "--kubeconfig", kubeconfig, "--metrics-listen", $"127.0.0.1:{port}" })
    {
        start.ArgumentList.Add(argument);
    }

    var process = Process.Start(start)!;
    process.OutputDataReceived += (_, _) => { };
    process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine(e.Data); };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    return (process, new Uri($"http://127.0.0.1:{port}/metrics"));
}

static async Task StopAsync(Process process)
{
    Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
    await process.WaitForExitAsync(timeout.Token);
}

static async Task<double> ReconcilesAsync(Uri metrics)
{
    try
    {
        using var client = new HttpClient();
        var text = await client.GetStringAsync(metrics);
        return text.Split('\n')
            .Where(l => l.StartsWith("hoop_operator_reconciles_total{", StringComparison.Ordinal) && l.Contains("kind=\"AccessRequest\"", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }
    catch (HttpRequestException)
    {
        return 0;
    }
}

static double PeakMiB(int pid) =>
    File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
        .Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024).Single();

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Operator.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("run from inside the repository");
}
