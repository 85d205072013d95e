using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Hoop.LocalKube.Http;
using Hoop.LocalKube.Patching;
using Hoop.LocalKube.Selectors;
using Hoop.LocalKube.Storage;

namespace Hoop.LocalKube.Admission;

/// <summary>
/// Calls the admission webhooks registered in MutatingWebhookConfigurations and ValidatingWebhookConfigurations:
/// mutating ones in turn, applying their JSONPatch responses, then validating ones. A webhook reached through a
/// Service resolves to the endpoint registered for it (see <see cref="ServiceEndpoints"/>); its caBundle is the only
/// trust. A denial or an unreachable webhook under <c>failurePolicy: Fail</c> stops the write.
/// </summary>
internal sealed class WebhookDispatcher(ObjectStore store, ServiceEndpoints services)
{
    private const string MutatingKey = "admissionregistration.k8s.io/mutatingwebhookconfigurations";
    private const string ValidatingKey = "admissionregistration.k8s.io/validatingwebhookconfigurations";

    public async Task<JsonObject?> MutateAsync(AdmissionRequest request, CancellationToken cancellationToken)
    {
        var obj = request.Object;
        foreach (var webhook in Webhooks(MutatingKey, request))
        {
            var response = await CallAsync(webhook, request with { Object = obj }, cancellationToken).ConfigureAwait(false);
            if (response?["patch"]?.GetValue<string>() is { } patch && obj is not null)
            {
                var outcome = JsonPatch.Apply(obj, Encoding.UTF8.GetString(Convert.FromBase64String(patch)));
                obj = outcome.Error is null
                    ? outcome.Result as JsonObject
                    : throw new ApiStatus(500, "InternalError", $"Internal error occurred: admission webhook \"{Name(webhook)}\" returned a patch that does not apply: {outcome.Error}");
            }
        }

        return obj;
    }

    public async Task ValidateAsync(AdmissionRequest request, CancellationToken cancellationToken)
    {
        foreach (var webhook in Webhooks(ValidatingKey, request))
        {
            await CallAsync(webhook, request, cancellationToken).ConfigureAwait(false);
        }
    }

    private IEnumerable<JsonObject> Webhooks(string storageKey, AdmissionRequest request) =>
        store.List(storageKey, null).Items
            .SelectMany(config => config["webhooks"]?.AsArray().OfType<JsonObject>() ?? [])
            .Where(webhook => WebhookRules.Select(webhook, request) && SelectorsMatch(webhook, request));

    private bool SelectorsMatch(JsonObject webhook, AdmissionRequest request)
    {
        var obj = request.Object ?? request.OldObject;
        if (!Selects(webhook["objectSelector"] as JsonObject, Labels(obj)))
        {
            return false;
        }

        if (webhook["namespaceSelector"] is not JsonObject namespaceSelector)
        {
            return true;
        }

        var namespaceLabels = request.Type.StorageKey == "/namespaces"
            ? Labels(obj)
            : request.Namespace is null ? null : Labels(store.Get("/namespaces", null, request.Namespace));
        return request.Namespace is null && request.Type.StorageKey != "/namespaces" || Selects(namespaceSelector, namespaceLabels);
    }

    private static bool Selects(JsonObject? selector, Dictionary<string, string>? labels) =>
        selector is null || (LabelSelector.TryFromLabelSelectorObject(selector, out var parsed, out _) && parsed.Matches(labels));

    private async Task<JsonObject?> CallAsync(JsonObject webhook, AdmissionRequest request, CancellationToken cancellationToken)
    {
        var name = Name(webhook);
        var ignore = webhook["failurePolicy"]?.GetValue<string>() == "Ignore";
        var uid = Guid.NewGuid().ToString();
        JsonObject? response;
        try
        {
            var target = Target(webhook["clientConfig"] as JsonObject ?? []);
            using var client = Client(webhook["clientConfig"]?["caBundle"]?.GetValue<string>());
            client.Timeout = TimeSpan.FromSeconds(webhook["timeoutSeconds"].AsInt32() ?? 10);
            using var content = JsonContent.Create(request.ToReview(uid));
            using var reply = await client.PostAsync(target, content, cancellationToken).ConfigureAwait(false);
            reply.EnsureSuccessStatusCode();
            var review = await reply.Content.ReadFromJsonAsync<JsonObject>(cancellationToken).ConfigureAwait(false);
            response = review?["response"] as JsonObject ?? throw new InvalidOperationException("the AdmissionReview has no response");
            if (response["uid"]?.GetValue<string>() != uid)
            {
                throw new InvalidOperationException($"expected response.uid=\"{uid}\", got \"{response["uid"]}\"");
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException or System.Text.Json.JsonException or UriFormatException)
        {
            if (ignore)
            {
                return null;
            }

            throw new ApiStatus(500, "InternalError", $"Internal error occurred: failed calling webhook \"{name}\": {e.Message}");
        }

        if (response["allowed"]?.GetValue<bool>() != true)
        {
            var status = response["status"];
            var message = status?["message"]?.GetValue<string>() ?? "";
            throw new ApiStatus(status?["code"].AsInt32() ?? 403, status?["reason"]?.GetValue<string>() ?? "Forbidden",
                $"admission webhook \"{name}\" denied the request{(message.Length > 0 ? ": " + message : "")}");
        }

        return response;
    }

    private Uri Target(JsonObject clientConfig)
    {
        if (clientConfig["url"]?.GetValue<string>() is { } url)
        {
            return new Uri(url);
        }

        var service = clientConfig["service"] ?? throw new InvalidOperationException("clientConfig has neither url nor service");
        var ns = service["namespace"]?.GetValue<string>() ?? "default";
        var serviceName = service["name"]?.GetValue<string>() ?? "";
        var endpoint = services.Resolve(ns, serviceName, service["port"].AsInt32() ?? 443)
            ?? throw new InvalidOperationException($"service \"{ns}/{serviceName}\" has no registered local endpoint");
        return new Uri(endpoint, service["path"]?.GetValue<string>() ?? "/");
    }

    private static HttpClient Client(string? caBundle)
    {
        var handler = new HttpClientHandler();
        if (caBundle is not null)
        {
            var trusted = new X509Certificate2Collection();
            trusted.ImportFromPem(Encoding.ASCII.GetString(Convert.FromBase64String(caBundle)));
            handler.ServerCertificateCustomValidationCallback = (_, certificate, chain, _) =>
            {
                if (certificate is null || chain is null)
                {
                    return false;
                }

                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(trusted);
                return chain.Build(certificate);
            };
        }

        return new HttpClient(handler, disposeHandler: true);
    }

    private static string Name(JsonObject webhook) => webhook["name"]?.GetValue<string>() ?? "";

    private static Dictionary<string, string>? Labels(JsonObject? obj) =>
        obj?["metadata"]?["labels"]?.AsObject().ToDictionary(e => e.Key, e => e.Value?.GetValue<string>() ?? "");
}
