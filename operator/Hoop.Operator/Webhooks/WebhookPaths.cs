namespace Hoop.Operator.Webhooks;

/// <summary>The URL paths the webhook server answers on; the registration points the API server at them.</summary>
internal static class WebhookPaths
{
    public const string MutateAccessRequests = "/mutate/accessrequests";
    public const string ValidateAccessRequests = "/validate/accessrequests";
}
