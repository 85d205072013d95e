using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Hoop.LocalKube.Hosting;
using Hoop.Testing.Kubernetes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Hoop.LocalKube.Tests.Http;

/// <summary>
/// Admission webhooks as the API server calls them: a real HTTPS webhook server (trusted through caBundle only)
/// that labels what it admits, refuses one value, and records what it was asked.
/// </summary>
public sealed class AdmissionWebhookTests(LocalKubeFixture fixture) : IClassFixture<LocalKubeFixture>, IAsyncLifetime
{
    private readonly LocalKubeClient _client = new(fixture.Server, TestUsers.TokenOf(TestUsers.Admin));
    private readonly List<JsonObject> _reviews = [];
    private ServingCertificate? _certificate;
    private WebApplication? _webhook;
    private Uri? _url;

    [Fact]
    public async Task Mutating_then_validating_webhooks_see_the_caller_and_shape_or_refuse_the_write()
    {
        var ns = await _client.NamespaceAsync();
        await RegisterAsync(ns, failurePolicy: "Fail", url: _url!);

        var admitted = await _client.ExpectAsync(201, HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", LocalKubeClient.ConfigMap("fine"));
        Assert.Equal("yes", admitted["metadata"]!["labels"]!["mutated"]!.GetValue<string>());

        var forbidden = LocalKubeClient.ConfigMap("bad");
        forbidden["data"]!["k"] = "forbidden";
        var refused = await _client.ExpectAsync(403, HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", forbidden);
        Assert.Equal($"admission webhook \"validate.{ns}.example.com\" denied the request: the value forbidden is not allowed", refused["message"]!.GetValue<string>());
        await _client.ExpectAsync(404, HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps/bad");

        JsonObject[] seen;
        lock (_reviews)
        {
            seen = [.. _reviews.Where(r => r["request"]!["namespace"]?.GetValue<string>() == ns)];
        }

        var validated = seen.Last(r => r["request"]!["object"]?["metadata"]?["name"]?.GetValue<string>() == "fine" && r["path"]!.GetValue<string>() == "/validate");
        Assert.Equal("admin", validated["request"]!["userInfo"]!["username"]!.GetValue<string>());
        Assert.Equal("CREATE", validated["request"]!["operation"]!.GetValue<string>());
        Assert.Equal("yes", validated["request"]!["object"]!["metadata"]!["labels"]!["mutated"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unreachable_webhook_fails_closed_unless_its_policy_is_ignore()
    {
        var ns = await _client.NamespaceAsync();
        var nowhere = new Uri($"https://127.0.0.1:{Hoop.Testing.Processes.FreePort.Next()}/");
        await RegisterAsync(ns, failurePolicy: "Fail", url: nowhere);
        var failed = await _client.ExpectAsync(500, HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", LocalKubeClient.ConfigMap("x"));
        Assert.StartsWith($"Internal error occurred: failed calling webhook \"mutate.{ns}.example.com\"", failed["message"]!.GetValue<string>(), StringComparison.Ordinal);

        await RegisterAsync(ns, failurePolicy: "Ignore", url: nowhere);
        await _client.ExpectAsync(201, HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", LocalKubeClient.ConfigMap("y"));
    }

    [Fact]
    public async Task A_webhook_behind_a_service_resolves_to_its_registered_endpoint_and_rules_select_subresources()
    {
        var ns = await _client.NamespaceAsync();
        fixture.Server.Services.Register("hoop-system", $"webhook-{ns}", 443, _url!);
        var caBundle = Convert.ToBase64String(Encoding.ASCII.GetBytes(_certificate!.AuthorityPem));
        var configuration = new JsonObject
        {
            ["apiVersion"] = "admissionregistration.k8s.io/v1",
            ["kind"] = "ValidatingWebhookConfiguration",
            ["metadata"] = new JsonObject { ["name"] = $"status-{ns}" },
            ["webhooks"] = new JsonArray(new JsonObject
            {
                ["name"] = $"status.{ns}.example.com",
                ["clientConfig"] = new JsonObject
                {
                    ["service"] = new JsonObject { ["namespace"] = "hoop-system", ["name"] = $"webhook-{ns}", ["path"] = "/validate" },
                    ["caBundle"] = caBundle,
                },
                ["rules"] = new JsonArray(new JsonObject
                {
                    ["operations"] = new JsonArray("UPDATE"),
                    ["apiGroups"] = new JsonArray(""),
                    ["apiVersions"] = new JsonArray("v1"),
                    ["resources"] = new JsonArray("services/status"),
                }),
                ["namespaceSelector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["kubernetes.io/metadata.name"] = ns } },
                ["failurePolicy"] = "Fail",
                ["sideEffects"] = "None",
                ["admissionReviewVersions"] = new JsonArray("v1"),
            }),
        };
        await _client.ExpectAsync(201, HttpMethod.Post, "/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations", configuration);
        var service = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Service", ["metadata"] = new JsonObject { ["name"] = "db" }, ["spec"] = new JsonObject { ["ports"] = new JsonArray(new JsonObject { ["port"] = 5432 }) } };
        await _client.ExpectAsync(201, HttpMethod.Post, $"/api/v1/namespaces/{ns}/services", service);

        await _client.ExpectAsync(200, HttpMethod.Patch, $"/api/v1/namespaces/{ns}/services/db", new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["a"] = "b" } } }, "application/merge-patch+json");
        await _client.ExpectAsync(200, HttpMethod.Patch, $"/api/v1/namespaces/{ns}/services/db/status", new JsonObject { ["status"] = new JsonObject { ["loadBalancer"] = new JsonObject() } }, "application/merge-patch+json");

        JsonObject[] seen;
        lock (_reviews)
        {
            seen = [.. _reviews.Where(r => r["request"]!["namespace"]?.GetValue<string>() == ns)];
        }

        var review = Assert.Single(seen);
        Assert.Equal("status", review["request"]!["subResource"]!.GetValue<string>());
        Assert.Equal("UPDATE", review["request"]!["operation"]!.GetValue<string>());
    }

    public async ValueTask InitializeAsync()
    {
        _certificate = ServingCertificate.Create(TimeProvider.System);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(_certificate.Server)));
        builder.Services.AddRoutingCore();
        _webhook = builder.Build();
        _webhook.Run(AnswerAsync);
        await _webhook.StartAsync();
        _url = new Uri(_webhook.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async ValueTask DisposeAsync()
    {
        if (_webhook is not null)
        {
            await _webhook.DisposeAsync();
        }

        _certificate?.Dispose();
        _client.Dispose();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var review = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        review["path"] = context.Request.Path.Value;
        lock (_reviews)
        {
            _reviews.Add(review);
        }

        var request = review["request"]!;
        var response = new JsonObject { ["uid"] = request["uid"]!.GetValue<string>(), ["allowed"] = true };
        if (context.Request.Path == "/mutate")
        {
            var patch = """[{"op":"add","path":"/metadata/labels","value":{"mutated":"yes"}}]""";
            response["patchType"] = "JSONPatch";
            response["patch"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(patch));
        }
        else if (request["object"]?["data"]?["k"]?.GetValue<string>() == "forbidden")
        {
            response["allowed"] = false;
            response["status"] = new JsonObject { ["code"] = 403, ["reason"] = "Forbidden", ["message"] = "the value forbidden is not allowed" };
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(new JsonObject { ["apiVersion"] = "admission.k8s.io/v1", ["kind"] = "AdmissionReview", ["response"] = response }.ToJsonString());
    }

    private async Task RegisterAsync(string ns, string failurePolicy, Uri url)
    {
        var caBundle = Convert.ToBase64String(Encoding.ASCII.GetBytes(_certificate!.AuthorityPem));
        JsonObject Webhook(string name, string path) => new()
        {
            ["name"] = $"{name}.{ns}.example.com",
            ["clientConfig"] = new JsonObject { ["url"] = new Uri(url, path).ToString(), ["caBundle"] = caBundle },
            ["rules"] = new JsonArray(new JsonObject
            {
                ["operations"] = new JsonArray("CREATE", "UPDATE"),
                ["apiGroups"] = new JsonArray(""),
                ["apiVersions"] = new JsonArray("v1"),
                ["resources"] = new JsonArray("configmaps"),
            }),
            ["namespaceSelector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["kubernetes.io/metadata.name"] = ns } },
            ["failurePolicy"] = failurePolicy,
            ["sideEffects"] = "None",
            ["admissionReviewVersions"] = new JsonArray("v1"),
            ["timeoutSeconds"] = 5,
        };

        foreach (var (resource, kind, name, path) in new[] { ("mutatingwebhookconfigurations", "MutatingWebhookConfiguration", "mutate", "/mutate"), ("validatingwebhookconfigurations", "ValidatingWebhookConfiguration", "validate", "/validate") })
        {
            var configuration = new JsonObject
            {
                ["apiVersion"] = "admissionregistration.k8s.io/v1",
                ["kind"] = kind,
                ["metadata"] = new JsonObject { ["name"] = $"{name}-{ns}" },
                ["webhooks"] = new JsonArray(Webhook(name, path)),
            };
            await _client.SendAsync(HttpMethod.Delete, $"/apis/admissionregistration.k8s.io/v1/{resource}/{name}-{ns}");
            await _client.ExpectAsync(201, HttpMethod.Post, $"/apis/admissionregistration.k8s.io/v1/{resource}", configuration);
        }
    }
}
