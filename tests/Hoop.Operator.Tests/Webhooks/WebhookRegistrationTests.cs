using System.Text;
using Hoop.Operator.Webhooks;
using Hoop.Testing.Kubernetes;
using k8s;

namespace Hoop.Operator.Tests.Webhooks;

/// <summary>The webhook configurations as stored by LocalKube standing in for the cluster.</summary>
public sealed class WebhookRegistrationTests(LocalKubeFixture cluster) : IClassFixture<LocalKubeFixture>, IDisposable
{
    private const string Ca = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    private readonly Kubernetes _client = new(KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.KubeconfigFor(TestUsers.Admin)));

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Both_configurations_send_access_requests_and_their_status_to_the_operator_and_fail_closed()
    {
        await new WebhookRegistration(_client).EnsureAsync(WebhookTarget.ForUrl(new Uri("https://127.0.0.1:9443")), Ca, TestContext.Current.CancellationToken);

        var mutating = (await _client.AdmissionregistrationV1.ReadMutatingWebhookConfigurationAsync("hoop-operator", cancellationToken: TestContext.Current.CancellationToken)).Webhooks.Single();
        var validating = (await _client.AdmissionregistrationV1.ReadValidatingWebhookConfigurationAsync("hoop-operator", cancellationToken: TestContext.Current.CancellationToken)).Webhooks.Single();
        Assert.Equal("https://127.0.0.1:9443/mutate/accessrequests", mutating.ClientConfig.Url);
        Assert.Equal("https://127.0.0.1:9443/validate/accessrequests", validating.ClientConfig.Url);
        foreach (var (rules, failurePolicy, sideEffects, versions, timeout, caBundle) in new[]
        {
            (mutating.Rules, mutating.FailurePolicy, mutating.SideEffects, mutating.AdmissionReviewVersions, mutating.TimeoutSeconds, mutating.ClientConfig.CaBundle),
            (validating.Rules, validating.FailurePolicy, validating.SideEffects, validating.AdmissionReviewVersions, validating.TimeoutSeconds, validating.ClientConfig.CaBundle),
        })
        {
            var rule = rules.Single();
            Assert.Equal(["hoop.dev"], rule.ApiGroups);
            Assert.Equal(["v1alpha1"], rule.ApiVersions);
            Assert.Equal(["accessrequests", "accessrequests/status"], rule.Resources);
            Assert.Equal(["CREATE", "UPDATE"], rule.Operations);
            Assert.Equal("Fail", failurePolicy);
            Assert.Equal("None", sideEffects);
            Assert.Equal(["v1"], versions);
            Assert.Equal(10, timeout);
            Assert.Equal(Ca, Encoding.ASCII.GetString(caBundle));
        }
    }

    [Fact]
    public async Task Registering_again_updates_the_target_in_place()
    {
        var registration = new WebhookRegistration(_client);
        await registration.EnsureAsync(WebhookTarget.ForUrl(new Uri("https://127.0.0.1:9443")), Ca, TestContext.Current.CancellationToken);

        await registration.EnsureAsync(WebhookTarget.ForService("hoop-system", "hoop-operator-webhook"), Ca, TestContext.Current.CancellationToken);

        var validating = (await _client.AdmissionregistrationV1.ReadValidatingWebhookConfigurationAsync("hoop-operator", cancellationToken: TestContext.Current.CancellationToken)).Webhooks.Single();
        Assert.Null(validating.ClientConfig.Url);
        Assert.Equal(("hoop-system", "hoop-operator-webhook", 443, "/validate/accessrequests"),
            (validating.ClientConfig.Service.NamespaceProperty, validating.ClientConfig.Service.Name, validating.ClientConfig.Service.Port, validating.ClientConfig.Service.Path));
    }
}
