using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Hoop.Operator.Webhooks;
using static Hoop.Operator.Tests.Webhooks.AdmissionReviews;

namespace Hoop.Operator.Tests.Webhooks;

/// <summary>The webhook server over real HTTPS, trusted only through the CA it was given, as the API server calls it.</summary>
public sealed class WebhookServerTests : IAsyncLifetime
{
    private readonly FakeReviewAuthority _authority = new();
    private readonly WebhookCertificate _certificate = WebhookCertificates.Create(
        new WebhookHostNames(["hoop-operator-webhook.hoop-system.svc"], [IPAddress.Loopback]), DateTimeOffset.UtcNow);

    private WebhookServer? _server;
    private HttpClient? _client;

    private HttpClient Client => _client!;

    public async ValueTask InitializeAsync()
    {
        _server = await WebhookServer.StartAsync(
            new IPEndPoint(IPAddress.Loopback, 0),
            _certificate.Server,
            new AccessRequestMutator(TimeProvider.System),
            new AccessRequestValidator(new OperatorIdentity(OperatorUser), _authority),
            null,
            TestContext.Current.CancellationToken);
        _client = TrustingClient(_certificate.AuthorityPem);
        _client.BaseAddress = _server.Url;
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _certificate.Dispose();
    }

    internal static HttpClient TrustingClient(string authorityPem)
    {
        var trusted = new X509Certificate2Collection();
        trusted.ImportFromPem(authorityPem);
#pragma warning disable CA2000 // the client owns the handler
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, chain, _) =>
            {
                chain!.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(trusted);
                return certificate is not null && chain.Build(certificate);
            },
        };
#pragma warning restore CA2000
        return new HttpClient(handler, disposeHandler: true);
    }

    private async Task<JsonNode> PostAsync(string path, JsonObject body)
    {
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var reply = await Client.PostAsync(path, content, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        var review = await reply.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken);
        Assert.Equal("705ab4f5-6393-11e8-b7cc-42010a800002", review!["response"]!["uid"]!.GetValue<string>());
        return review["response"]!;
    }

    [Fact]
    public void It_listens_on_the_port_it_picked()
    {
        Assert.NotEqual(0, _server!.Port);
        Assert.Equal($"https://127.0.0.1:{_server.Port}/", _server.Url.ToString());
    }

    [Fact]
    public async Task The_mutating_path_answers_with_a_patch_stamping_the_caller()
    {
        var response = await PostAsync(WebhookPaths.MutateAccessRequests, Body(Alice, "CREATE", AccessRequest(Requester(Bob)), null));

        Assert.True(response["allowed"]!.GetValue<bool>());
        var patch = JsonNode.Parse(Convert.FromBase64String(response["patch"]!.GetValue<string>()))!.AsArray();
        Assert.Equal("alice", ApplyPatch(AccessRequest(Requester(Bob)), patch)["spec"]!["requester"]!["username"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_validating_path_refuses_with_the_reason()
    {
        var old = AccessRequest(Requester(Alice), status: PendingStatus());
        var next = With(old, o => o["status"]!["reviews"]!.AsArray().Add(Review(Dave)));

        var response = await PostAsync(WebhookPaths.ValidateAccessRequests, Body(Dave, "UPDATE", next, old, "status"));

        Assert.False(response["allowed"]!.GetValue<bool>());
        Assert.Equal(403, response["status"]!["code"]!.GetValue<int>());
        Assert.StartsWith("dave may not review ar-x", response["status"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_access_check_fails_the_write_is_refused()
    {
        _authority.Failure = new HttpRequestException("connection refused");
        var old = AccessRequest(Requester(Alice), status: PendingStatus());
        var next = With(old, o => o["status"]!["reviews"]!.AsArray().Add(Review(Bob)));

        var response = await PostAsync(WebhookPaths.ValidateAccessRequests, Body(Bob, "UPDATE", next, old, "status"));

        Assert.False(response["allowed"]!.GetValue<bool>());
        Assert.Equal(500, response["status"]!["code"]!.GetValue<int>());
        Assert.Contains("could not check ar-x (HttpRequestException: connection refused); the write was refused because approvals fail closed",
            response["status"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_body_is_answered_400()
    {
        using var content = new StringContent("{\"kind\":\"AdmissionReview\"", Encoding.UTF8, "application/json");
        using var reply = await Client.PostAsync(WebhookPaths.ValidateAccessRequests, content, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, reply.StatusCode);
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_answered_413()
    {
        var body = Body(Alice, "CREATE", AccessRequest(), null);
        body["request"]!["object"]!["spec"]!["reason"] = new string('x', AdmissionEndpoint.MaxBodyBytes);
        // With Expect: 100-continue the server refuses on the length
        // alone, before the body is sent, so its refusal cannot race a client still writing into a closed connection.
        using var request = new HttpRequestMessage(HttpMethod.Post, WebhookPaths.MutateAccessRequests)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.ExpectContinue = true;
        using var reply = await Client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, reply.StatusCode);
    }

    [Fact]
    public async Task Unknown_paths_and_methods_are_not_served()
    {
        using var unknown = await Client.PostAsync("/mutate/connections", new StringContent("{}"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var get = await Client.GetAsync(WebhookPaths.ValidateAccessRequests, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
    }
}
