using System.Net;
using System.Text;
using Hoop.Api;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hoop.Operator.Webhooks;

/// <summary>
/// Creates or updates the MutatingWebhookConfiguration and ValidatingWebhookConfiguration <see cref="ConfigurationName"/>
/// that send AccessRequest writes (and their status) to this operator, failing closed.
/// </summary>
internal sealed class WebhookRegistration(IKubernetes client, ILogger? logger = null)
{
    public const string ConfigurationName = "hoop-operator";
    public const string MutatingWebhookName = "mutate.accessrequests.hoop.dev";
    public const string ValidatingWebhookName = "validate.accessrequests.hoop.dev";

    private const int Attempts = 5;
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    public async Task EnsureAsync(WebhookTarget target, string authorityPem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentException.ThrowIfNullOrEmpty(authorityPem);
        var caBundle = Encoding.ASCII.GetBytes(authorityPem);
        var mutating = Mutating(target, caBundle);
        await UpsertAsync(
            () => client.AdmissionregistrationV1.ReadMutatingWebhookConfigurationAsync(ConfigurationName, cancellationToken: cancellationToken),
            () => client.AdmissionregistrationV1.CreateMutatingWebhookConfigurationAsync(mutating, cancellationToken: cancellationToken),
            existing =>
            {
                mutating.Metadata.ResourceVersion = existing.Metadata.ResourceVersion;
                return client.AdmissionregistrationV1.ReplaceMutatingWebhookConfigurationAsync(mutating, ConfigurationName, cancellationToken: cancellationToken);
            }).ConfigureAwait(false);
        WebhookLog.Registered(_logger, mutating.Kind, ConfigurationName, target.ToString());

        var validating = Validating(target, caBundle);
        await UpsertAsync(
            () => client.AdmissionregistrationV1.ReadValidatingWebhookConfigurationAsync(ConfigurationName, cancellationToken: cancellationToken),
            () => client.AdmissionregistrationV1.CreateValidatingWebhookConfigurationAsync(validating, cancellationToken: cancellationToken),
            existing =>
            {
                validating.Metadata.ResourceVersion = existing.Metadata.ResourceVersion;
                return client.AdmissionregistrationV1.ReplaceValidatingWebhookConfigurationAsync(validating, ConfigurationName, cancellationToken: cancellationToken);
            }).ConfigureAwait(false);
        WebhookLog.Registered(_logger, validating.Kind, ConfigurationName, target.ToString());
    }

    public static V1MutatingWebhookConfiguration Mutating(WebhookTarget target, byte[] caBundle)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new V1MutatingWebhookConfiguration
        {
            ApiVersion = "admissionregistration.k8s.io/v1",
            Kind = "MutatingWebhookConfiguration",
            Metadata = Metadata(),
            Webhooks =
            [
                new V1MutatingWebhook
                {
                    Name = MutatingWebhookName,
                    ClientConfig = target.ClientConfig(WebhookPaths.MutateAccessRequests, caBundle),
                    Rules = Rules(),
                    FailurePolicy = "Fail",
                    SideEffects = "None",
                    AdmissionReviewVersions = ["v1"],
                    TimeoutSeconds = 10,
                    ReinvocationPolicy = "Never",
                },
            ],
        };
    }

    public static V1ValidatingWebhookConfiguration Validating(WebhookTarget target, byte[] caBundle)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new V1ValidatingWebhookConfiguration
        {
            ApiVersion = "admissionregistration.k8s.io/v1",
            Kind = "ValidatingWebhookConfiguration",
            Metadata = Metadata(),
            Webhooks =
            [
                new V1ValidatingWebhook
                {
                    Name = ValidatingWebhookName,
                    ClientConfig = target.ClientConfig(WebhookPaths.ValidateAccessRequests, caBundle),
                    Rules = Rules(),
                    FailurePolicy = "Fail",
                    SideEffects = "None",
                    AdmissionReviewVersions = ["v1"],
                    TimeoutSeconds = 10,
                },
            ],
        };
    }

    private static V1ObjectMeta Metadata() => new()
    {
        Name = ConfigurationName,
        Labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "hoop-operator" },
    };

    private static List<V1RuleWithOperations> Rules() =>
    [
        new V1RuleWithOperations
        {
            ApiGroups = [HoopApiGroup.Group],
            ApiVersions = [HoopApiGroup.Version],
            Resources = [ResourceKind.AccessRequest.Plural, ResourceKind.AccessRequest.Plural + "/status"],
            Operations = ["CREATE", "UPDATE"],
            Scope = "Namespaced",
        },
    ];

    private static async Task UpsertAsync<T>(Func<Task<T>> read, Func<Task<T>> create, Func<T, Task<T>> replace)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                T existing;
                try
                {
                    existing = await read().ConfigureAwait(false);
                }
                catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
                {
                    await create().ConfigureAwait(false);
                    return;
                }

                await replace(existing).ConfigureAwait(false);
                return;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict && attempt < Attempts)
            {
                // Another replica registered at the same moment; read again and write ours over it.
            }
        }
    }
}
