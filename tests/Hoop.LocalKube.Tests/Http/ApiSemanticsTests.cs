using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Hoop.Testing.Kubernetes;

namespace Hoop.LocalKube.Tests.Http;

/// <summary>API semantics as any client sees them over HTTPS: versions, conflicts, errors, selectors, paging, watch.</summary>
public sealed class ApiSemanticsTests(LocalKubeFixture fixture) : IClassFixture<LocalKubeFixture>, IDisposable
{
    private readonly LocalKubeClient _client = new(fixture.Server, TestUsers.TokenOf(TestUsers.Admin));
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Anonymous_and_forged_tokens_get_401_unauthorized()
    {
        using var anonymous = new LocalKubeClient(fixture.Server, null);
        var response = await anonymous.Http.GetAsync("/api/v1/namespaces", _ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Unauthorized", (await Json(response, HttpStatusCode.Unauthorized))["reason"]!.GetValue<string>());

        using var forged = new LocalKubeClient(fixture.Server, "not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.Http.GetAsync("/version", _ct)).StatusCode);
    }

    [Fact]
    public async Task Version_says_1_32()
    {
        var version = await Json(await Http.GetAsync("/version", _ct));
        Assert.Equal("1", version["major"]!.GetValue<string>());
        Assert.Equal("32", version["minor"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_stale_resource_version_is_a_conflict_and_a_taken_name_already_exists()
    {
        var ns = await NamespaceAsync();
        var created = await Json(await Post($"/api/v1/namespaces/{ns}/configmaps", ConfigMap("settings", "a", "1")), HttpStatusCode.Created);
        var version = created["metadata"]!["resourceVersion"]!.GetValue<string>();

        var again = await Post($"/api/v1/namespaces/{ns}/configmaps", ConfigMap("settings", "a", "1"));
        var exists = await Json(again, HttpStatusCode.Conflict);
        Assert.Equal("AlreadyExists", exists["reason"]!.GetValue<string>());
        Assert.Equal("configmaps \"settings\" already exists", exists["message"]!.GetValue<string>());

        var update = ConfigMap("settings", "a", "2");
        update["metadata"]!["resourceVersion"] = version;
        await Json(await Put($"/api/v1/namespaces/{ns}/configmaps/settings", update), HttpStatusCode.OK);
        var stale = await Json(await Put($"/api/v1/namespaces/{ns}/configmaps/settings", update), HttpStatusCode.Conflict);
        Assert.Equal("Conflict", stale["reason"]!.GetValue<string>());
        Assert.Contains("the object has been modified; please apply your changes to the latest version and try again", stale["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_objects_and_unknown_resources_are_404_with_a_status()
    {
        var ns = await NamespaceAsync();
        var missing = await Json(await Http.GetAsync($"/api/v1/namespaces/{ns}/configmaps/nope", _ct), HttpStatusCode.NotFound);
        Assert.Equal("configmaps \"nope\" not found", missing["message"]!.GetValue<string>());
        await Json(await Http.GetAsync("/apis/example.com/v1/widgets", _ct), HttpStatusCode.NotFound);
        await Json(await Post("/api/v1/namespaces/no-such-namespace/configmaps", ConfigMap("x", "a", "1")), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("{not json", "application/json", 400)]
    [InlineData("[1,2]", "application/json", 400)]
    [InlineData("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"x"}}""", "application/json", 400)]
    [InlineData("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"Not_Valid"}}""", "application/json", 422)]
    [InlineData("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{}}""", "application/json", 422)]
    [InlineData("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}}""", "text/plain", 415)]
    public async Task Malformed_requests_get_a_status_error_never_a_500(string body, string contentType, int code)
    {
        var ns = await NamespaceAsync();
        using var content = new StringContent(body, Encoding.UTF8, contentType);
        var response = await Http.PostAsync($"/api/v1/namespaces/{ns}/configmaps", content, _ct);
        var status = await Json(response, (HttpStatusCode)code);
        Assert.Equal("Status", status["kind"]!.GetValue<string>());
        Assert.Equal(code, status["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_oversize_body_is_refused()
    {
        var ns = await NamespaceAsync();
        var huge = ConfigMap("huge", "blob", new string('x', 4 * 1024 * 1024));
        var response = await Post($"/api/v1/namespaces/{ns}/configmaps", huge);
        Assert.True((int)response.StatusCode is 413, $"got {(int)response.StatusCode}");
    }

    [Theory]
    [InlineData("labelSelector=app in (a", 400)]
    [InlineData("labelSelector=Bad Key=x", 400)]
    [InlineData("fieldSelector=spec.unknown=x", 400)]
    public async Task Bad_selectors_are_400(string query, int code)
    {
        var ns = await NamespaceAsync();
        await Json(await Http.GetAsync($"/api/v1/namespaces/{ns}/configmaps?{query}", _ct), (HttpStatusCode)code);
    }

    [Fact]
    public async Task Lists_filter_by_label_and_field_and_page_with_continue()
    {
        var ns = await NamespaceAsync();
        for (var i = 0; i < 5; i++)
        {
            var map = ConfigMap($"cm-{i}", "i", $"{i}");
            map["metadata"]!["labels"] = new JsonObject { ["parity"] = i % 2 == 0 ? "even" : "odd" };
            await Json(await Post($"/api/v1/namespaces/{ns}/configmaps", map), HttpStatusCode.Created);
        }

        var even = await Json(await Http.GetAsync($"/api/v1/namespaces/{ns}/configmaps?labelSelector=parity%3Deven", _ct));
        Assert.Equal(["cm-0", "cm-2", "cm-4"], Names(even));
        var one = await Json(await Http.GetAsync($"/api/v1/namespaces/{ns}/configmaps?fieldSelector=metadata.name%3Dcm-3", _ct));
        Assert.Equal(["cm-3"], Names(one));

        var first = await Json(await Http.GetAsync($"/api/v1/namespaces/{ns}/configmaps?limit=2", _ct));
        Assert.Equal(["cm-0", "cm-1"], Names(first));
        var token = first["metadata"]!["continue"]!.GetValue<string>();
        var second = await Json(await Http.GetAsync($"/api/v1/namespaces/{ns}/configmaps?limit=2&continue={Uri.EscapeDataString(token)}", _ct));
        Assert.Equal(["cm-2", "cm-3"], Names(second));
        Assert.Equal(first["metadata"]!["resourceVersion"]!.GetValue<string>(), second["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_watch_replays_the_changes_after_its_resource_version()
    {
        var ns = await NamespaceAsync();
        var list = await Json(await Http.GetAsync($"/api/v1/namespaces/{ns}/configmaps", _ct));
        var from = list["metadata"]!["resourceVersion"]!.GetValue<string>();
        await Json(await Post($"/api/v1/namespaces/{ns}/configmaps", ConfigMap("first", "a", "1")), HttpStatusCode.Created);

        using var watch = await Http.GetAsync($"/api/v1/namespaces/{ns}/configmaps?watch=true&resourceVersion={from}&allowWatchBookmarks=true&timeoutSeconds=5", HttpCompletionOption.ResponseHeadersRead, _ct);
        using var reader = new StreamReader(await watch.Content.ReadAsStreamAsync(_ct));
        var events = new List<JsonNode>();
        while (events.Count(e => e["type"]!.GetValue<string>() != "BOOKMARK") < 2 && await reader.ReadLineAsync(_ct) is { } line)
        {
            events.Add(JsonNode.Parse(line)!);
            if (events.Count(e => e["type"]!.GetValue<string>() != "BOOKMARK") == 1)
            {
                await Json(await Post($"/api/v1/namespaces/{ns}/configmaps", ConfigMap("second", "a", "1")), HttpStatusCode.Created);
            }
        }

        var changes = events.Where(e => e["type"]!.GetValue<string>() != "BOOKMARK").ToList();
        Assert.Equal(["ADDED first", "ADDED second"], changes.Select(e => $"{e["type"]} {e["object"]!["metadata"]!["name"]}"));

    }

    [Fact]
    public async Task A_watch_from_a_version_older_than_the_history_gets_410_expired()
    {
        await using var small = await Hoop.LocalKube.Hosting.LocalKube.StartAsync(new() { TokensCsv = TestUsers.TokensCsv, WatchHistory = 5 }, _ct);
        using var client = new LocalKubeClient(small, TestUsers.TokenOf(TestUsers.Admin));
        var http = client.Http;
        for (var i = 0; i < 10; i++)
        {
            using var body = new StringContent(ConfigMap($"cm-{i}", "a", "1").ToJsonString(), Encoding.UTF8, "application/json");
            (await http.PostAsync("/api/v1/namespaces/default/configmaps", body, _ct)).EnsureSuccessStatusCode();
        }

        using var expired = await http.GetAsync("/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=2&timeoutSeconds=5", _ct);
        Assert.Equal(HttpStatusCode.OK, expired.StatusCode);
        var lines = (await expired.Content.ReadAsStringAsync(_ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var error = JsonNode.Parse(Assert.Single(lines))!;
        Assert.Equal("ERROR", error["type"]!.GetValue<string>());
        Assert.Equal(410, error["object"]!["code"]!.GetValue<int>());
        Assert.StartsWith("too old resource version: 2 (", error["object"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Core_and_events_k8s_io_events_are_one_store_in_two_shapes()
    {
        var ns = await NamespaceAsync();
        var core = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject { ["name"] = "from-core" },
            ["involvedObject"] = new JsonObject { ["kind"] = "ConfigMap", ["name"] = "settings", ["namespace"] = ns },
            ["reason"] = "Changed",
            ["message"] = "settings changed",
            ["type"] = "Normal",
        };
        await Json(await Post($"/api/v1/namespaces/{ns}/events", core), HttpStatusCode.Created);
        var asEventsV1 = await Json(await Http.GetAsync($"/apis/events.k8s.io/v1/namespaces/{ns}/events/from-core", _ct));
        Assert.Equal("events.k8s.io/v1", asEventsV1["apiVersion"]!.GetValue<string>());
        Assert.Equal("settings changed", asEventsV1["note"]!.GetValue<string>());
        Assert.Equal("settings", asEventsV1["regarding"]!["name"]!.GetValue<string>());

        var eventsV1 = new JsonObject
        {
            ["apiVersion"] = "events.k8s.io/v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject { ["name"] = "from-events" },
            ["regarding"] = new JsonObject { ["kind"] = "AccessRequest", ["name"] = "ar-1", ["namespace"] = ns },
            ["reason"] = "BreakGlass",
            ["note"] = "approved by its requester in an emergency",
            ["type"] = "Warning",
            ["eventTime"] = "2026-01-01T00:00:00.000000Z",
            ["reportingController"] = "hoop.dev/operator",
            ["reportingInstance"] = "operator-0",
            ["action"] = "Approve",
        };
        await Json(await Post($"/apis/events.k8s.io/v1/namespaces/{ns}/events", eventsV1), HttpStatusCode.Created);
        var asCore = await Json(await Http.GetAsync($"/api/v1/namespaces/{ns}/events/from-events", _ct));
        Assert.Equal("approved by its requester in an emergency", asCore["message"]!.GetValue<string>());
        Assert.Equal("ar-1", asCore["involvedObject"]!["name"]!.GetValue<string>());
        Assert.Equal(2, (await Json(await Http.GetAsync($"/apis/events.k8s.io/v1/namespaces/{ns}/events", _ct)))["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_crd_is_served_at_once_and_takes_its_objects_when_deleted()
    {
        var group = $"g{Guid.NewGuid().ToString("N")[..8]}.example.com";
        var crd = JsonNode.Parse("""
            {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"widgets.GROUP"},
             "spec":{"group":"GROUP","scope":"Namespaced","names":{"plural":"widgets","singular":"widget","kind":"Widget"},
              "versions":[{"name":"v1","served":true,"storage":true,"subresources":{"status":{}},
                "schema":{"openAPIV3Schema":{"type":"object","properties":{"spec":{"type":"object","properties":{"size":{"type":"integer","minimum":1}}},"status":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}}}]}}
            """.Replace("GROUP", group, StringComparison.Ordinal))!.AsObject();
        var created = await Json(await Post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd), HttpStatusCode.Created);
        Assert.Contains(created["status"]!["conditions"]!.AsArray(), c => c!["type"]!.GetValue<string>() == "Established" && c["status"]!.GetValue<string>() == "True");

        var widget = JsonNode.Parse("""{"apiVersion":"GROUP/v1","kind":"Widget","metadata":{"name":"w1"},"spec":{"size":3}}""".Replace("GROUP", group, StringComparison.Ordinal))!.AsObject();
        await Json(await Post($"/apis/{group}/v1/namespaces/default/widgets", widget), HttpStatusCode.Created);
        var tooSmall = JsonNode.Parse("""{"apiVersion":"GROUP/v1","kind":"Widget","metadata":{"name":"w0"},"spec":{"size":0}}""".Replace("GROUP", group, StringComparison.Ordinal))!.AsObject();
        var invalid = await Json(await Post($"/apis/{group}/v1/namespaces/default/widgets", tooSmall), (HttpStatusCode)422);
        Assert.Contains("spec.size", invalid["message"]!.GetValue<string>(), StringComparison.Ordinal);

        await Json(await Http.DeleteAsync($"/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.{group}", _ct));
        await Json(await Http.GetAsync($"/apis/{group}/v1/namespaces/default/widgets/w1", _ct), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_collection_removes_what_the_selector_matches()
    {
        var ns = await NamespaceAsync();
        foreach (var (name, tier) in new[] { ("a", "web"), ("b", "web"), ("c", "db") })
        {
            var map = ConfigMap(name, "k", "v");
            map["metadata"]!["labels"] = new JsonObject { ["tier"] = tier };
            await Json(await Post($"/api/v1/namespaces/{ns}/configmaps", map), HttpStatusCode.Created);
        }

        var deleted = await Json(await Http.DeleteAsync($"/api/v1/namespaces/{ns}/configmaps?labelSelector=tier%3Dweb", _ct));
        Assert.Equal(2, deleted["items"]!.AsArray().Count);
        Assert.Equal(["c"], Names(await Json(await Http.GetAsync($"/api/v1/namespaces/{ns}/configmaps", _ct))));
    }

    [Fact]
    public async Task Impersonation_needs_the_impersonate_verb_and_then_acts_as_the_target()
    {
        var review = new JsonObject { ["apiVersion"] = "authentication.k8s.io/v1", ["kind"] = "SelfSubjectReview" };
        using (var asAlice = new HttpRequestMessage(HttpMethod.Post, "/apis/authentication.k8s.io/v1/selfsubjectreviews") { Content = new StringContent(review.ToJsonString(), Encoding.UTF8, "application/json") })
        {
            asAlice.Headers.Add("Impersonate-User", "alice");
            asAlice.Headers.Add("Impersonate-Group", "developers");
            var answer = await Json(await Http.SendAsync(asAlice, _ct), HttpStatusCode.Created);
            Assert.Equal("alice", answer["status"]!["userInfo"]!["username"]!.GetValue<string>());
            Assert.Contains("developers", answer["status"]!["userInfo"]!["groups"]!.AsArray().Select(g => g!.GetValue<string>()));
        }

        using var alice = new LocalKubeClient(fixture.Server, TestUsers.TokenOf(TestUsers.Alice));
        using var escalate = new HttpRequestMessage(HttpMethod.Get, "/api/v1/namespaces");
        escalate.Headers.Add("Impersonate-User", "admin");
        var refused = await Json(await alice.Http.SendAsync(escalate, _ct), HttpStatusCode.Forbidden);
        Assert.Equal("users \"admin\" is forbidden: User \"alice\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope", refused["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Legacy_and_aggregated_discovery_list_the_same_resources()
    {
        var groups = await Json(await Http.GetAsync("/apis", _ct));
        Assert.Equal("APIGroupList", groups["kind"]!.GetValue<string>());
        Assert.Contains(groups["groups"]!.AsArray(), g => g!["name"]!.GetValue<string>() == "rbac.authorization.k8s.io");
        var core = await Json(await Http.GetAsync("/api/v1", _ct));
        Assert.Contains(core["resources"]!.AsArray(), r => r!["name"]!.GetValue<string>() == "serviceaccounts/token");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/apis");
        request.Headers.TryAddWithoutValidation("Accept", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json");
        using var response = await Http.SendAsync(request, _ct);
        Assert.Equal("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList", response.Content.Headers.ContentType!.ToString().Replace(" ", "", StringComparison.Ordinal));
        var aggregated = JsonNode.Parse(await response.Content.ReadAsStringAsync(_ct))!;
        var apps = aggregated["items"]!.AsArray().Single(i => i!["metadata"]!["name"]!.GetValue<string>() == "apps")!;
        Assert.Contains(apps["versions"]![0]!["resources"]!.AsArray(), r => r!["resource"]!.GetValue<string>() == "deployments" && r["subresources"]![0]!["subresource"]!.GetValue<string>() == "status");
        await Json(await Http.GetAsync("/openapi/v2", _ct), HttpStatusCode.NotFound);
    }

    public void Dispose() => _client.Dispose();

    private HttpClient Http => _client.Http;

    private async Task<string> NamespaceAsync()
    {
        var name = $"t-{Guid.NewGuid().ToString("N")[..10]}";
        await Json(await Post("/api/v1/namespaces", new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = name } }), HttpStatusCode.Created);
        return name;
    }

    private static JsonObject ConfigMap(string name, string key, string value) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["data"] = new JsonObject { [key] = value },
    };

    private Task<HttpResponseMessage> Post(string path, JsonObject body) =>
        Http.PostAsync(path, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), _ct);

    private Task<HttpResponseMessage> Put(string path, JsonObject body) =>
        Http.PutAsync(path, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), _ct);

    private async Task<JsonObject> Json(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync(_ct);
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static List<string> Names(JsonObject list) =>
        [.. list["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>())];
}
