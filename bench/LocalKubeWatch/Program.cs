using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Hoop.LocalKube.Hosting;

// LocalKube under load: 10,000 ConfigMaps, 50 concurrent watchers. Prints list latency, event fan-out rate and the
// process's peak memory, measured in this one run.
const int Objects = 10_000;
const int Watchers = 50;
const int Updates = 1_000;

await using var server = await LocalKube.StartAsync(new LocalKubeOptions { TokensCsv = "bench-token,bench,uid-bench,\"system:masters\"" });
using var ca = X509Certificate2.CreateFromPem(server.CertificateAuthorityPem);
using var handler = new SocketsHttpHandler
{
    MaxConnectionsPerServer = 256,
    SslOptions = { RemoteCertificateValidationCallback = (_, certificate, chain, _) =>
    {
        chain!.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        return chain.Build((X509Certificate2)certificate!);
    } },
};
using var http = new HttpClient(handler) { BaseAddress = server.Url, Timeout = Timeout.InfiniteTimeSpan };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "bench-token");

var clock = Stopwatch.StartNew();
await Parallel.ForAsync(0, Objects, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
{
    using var body = new StringContent($$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm-{{{i}}}","labels":{"shard":"{{{i % 10}}}"}},"data":{"value":"{{{i}}}"}}""", Encoding.UTF8, "application/json");
    using var response = await http.PostAsync("/api/v1/namespaces/default/configmaps", body, ct);
    response.EnsureSuccessStatusCode();
});
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"created {Objects} objects in {clock.Elapsed.TotalSeconds:0.0} s ({Objects / clock.Elapsed.TotalSeconds:0} per s)"));

var lists = new List<double>();
for (var i = 0; i < 10; i++)
{
    clock.Restart();
    var text = await http.GetStringAsync("/api/v1/namespaces/default/configmaps");
    lists.Add(clock.Elapsed.TotalMilliseconds);
    if (!text.Contains("cm-9999", StringComparison.Ordinal))
    {
        throw new InvalidOperationException("the list is missing objects");
    }
}

lists.Sort();
var selected = Stopwatch.StartNew();
await http.GetStringAsync("/api/v1/namespaces/default/configmaps?labelSelector=shard%3D3");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"list of {Objects}: median {lists[lists.Count / 2]:0} ms, worst {lists[^1]:0} ms; with a label selector (1,000 items): {selected.Elapsed.TotalMilliseconds:0} ms"));

var version = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync("/api/v1/namespaces/default/configmaps?limit=1"))!["metadata"]!["resourceVersion"]!.GetValue<string>();
using var stop = new CancellationTokenSource();
var received = new long[Watchers];
var watchers = Enumerable.Range(0, Watchers).Select(w => Task.Run(async () =>
{
    using var response = await http.GetAsync($"/api/v1/namespaces/default/configmaps?watch=true&resourceVersion={version}", HttpCompletionOption.ResponseHeadersRead, stop.Token);
    using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token));
    try
    {
        while (await reader.ReadLineAsync(stop.Token) is not null)
        {
            Interlocked.Increment(ref received[w]);
        }
    }
    catch (OperationCanceledException)
    {
    }
})).ToList();

await Task.Delay(500);
clock.Restart();
await Parallel.ForAsync(0, Updates, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
{
    using var patch = new StringContent($$$"""{"data":{"value":"updated-{{{i}}}"}}""", Encoding.UTF8, "application/merge-patch+json");
    using var response = await http.PatchAsync($"/api/v1/namespaces/default/configmaps/cm-{i}", patch, ct);
    response.EnsureSuccessStatusCode();
});
var expected = (long)Updates * Watchers;
while (received.Sum() < expected && clock.Elapsed < TimeSpan.FromMinutes(2))
{
    await Task.Delay(20);
}

var elapsed = clock.Elapsed.TotalSeconds;
await stop.CancelAsync();
await Task.WhenAll(watchers);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fan-out: {received.Sum()} of {expected} events to {Watchers} watchers in {elapsed:0.00} s ({received.Sum() / elapsed:0} events per s)"));
using var self = Process.GetCurrentProcess();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"memory: peak working set {self.PeakWorkingSet64 / (1024 * 1024)} MiB (goal: under 500 MiB)"));
return received.Sum() == expected && self.PeakWorkingSet64 < 500L * 1024 * 1024 ? 0 : 1;
