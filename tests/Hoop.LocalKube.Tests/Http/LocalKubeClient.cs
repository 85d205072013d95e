using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace Hoop.LocalKube.Tests.Http;

/// <summary>A thin HTTPS client for a LocalKube that trusts only its CA and speaks JSON, for API-level tests.</summary>
internal sealed class LocalKubeClient : IDisposable
{
    private readonly HttpClient _http;

    public LocalKubeClient(Hoop.LocalKube.Hosting.LocalKube server, string? token)
    {
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, chain, _) =>
            {
                using var ca = X509Certificate2.CreateFromPem(server.CertificateAuthorityPem);
                chain!.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                return chain.Build(certificate!);
            },
        };
        _http = new HttpClient(handler) { BaseAddress = server.Url };
        if (token is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public HttpClient Http => _http;

    public async Task<(int Code, JsonObject Body)> SendAsync(HttpMethod method, string path, JsonNode? body = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, contentType);
        }

        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, JsonNode.Parse(text) as JsonObject ?? []);
    }

    public async Task<JsonObject> ExpectAsync(int code, HttpMethod method, string path, JsonNode? body = null, string contentType = "application/json")
    {
        var (actual, json) = await SendAsync(method, path, body, contentType);
        Assert.True(actual == code, $"{method} {path}: expected {code}, got {actual}: {json.ToJsonString()}");
        return json;
    }

    public async Task<string> NamespaceAsync()
    {
        var name = $"t-{Guid.NewGuid().ToString("N")[..10]}";
        await ExpectAsync(201, HttpMethod.Post, "/api/v1/namespaces", new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = name } });
        return name;
    }

    public static JsonObject ConfigMap(string name, JsonObject? metadata = null)
    {
        var meta = metadata ?? [];
        meta["name"] = name;
        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = meta, ["data"] = new JsonObject { ["k"] = "v" } };
    }

    public void Dispose() => _http.Dispose();
}
