using System.Text.Json.Nodes;
using Hoop.LocalKube.Api;
using Hoop.LocalKube.Authentication;
using Hoop.LocalKube.Authorization;
using Microsoft.AspNetCore.Http;

namespace Hoop.LocalKube.Http;

/// <summary>
/// The request pipeline: authenticate every request (anonymous gets 401), then version, discovery, OpenAPI or a
/// resource. Every failure becomes a Status object; nothing escapes as a 500 without one.
/// </summary>
internal sealed class ApiServer(ResourceCatalog catalog, Authenticator authenticator, ResourceHandler resources, Func<RbacAuthorizer> rbac)
{
    public static JsonObject Version { get; } = new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = "v1.32.0",
        ["gitCommit"] = "hoop-localkube",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2026-01-01T00:00:00Z",
        ["goVersion"] = "go1.23",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            var user = authenticator.AuthenticateHeader(context.Request.Headers.Authorization)
                ?? throw new ApiStatus(401, "Unauthorized", "Unauthorized");
            await RouteAsync(context, Impersonate(context.Request.Headers, user)).ConfigureAwait(false);
        }
        catch (ApiStatus status) when (!context.Response.HasStarted)
        {
            await JsonResponses.WriteAsync(context, status.Code, status.ToJson()).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // The API server answers every failure with a Status; the message stays generic.
        catch (Exception e) when (!context.Response.HasStarted)
#pragma warning restore CA1031
        {
            await JsonResponses.WriteAsync(context, 500, ApiStatus.Failure(500, "InternalError", $"Internal error occurred: {e.Message}")).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// <c>Impersonate-User</c> / <c>-Group</c> / <c>-Uid</c> (kubectl <c>--as</c>): the request acts as that user when the
    /// caller may <c>impersonate</c> them under RBAC, as the real server requires; otherwise 403.
    /// </summary>
    private UserInfo Impersonate(IHeaderDictionary headers, UserInfo caller)
    {
        if (headers["Impersonate-User"].ToString() is not { Length: > 0 } target)
        {
            return caller;
        }

        var groups = headers["Impersonate-Group"].Where(g => !string.IsNullOrEmpty(g)).Select(g => g!).ToList();
        var uid = headers["Impersonate-Uid"].ToString();
        var serviceAccount = target.Split(':') is ["system", "serviceaccount", var ns, var name] ? (ns, name) : default;
        var checks = new List<ResourceAttributes>
        {
            serviceAccount == default
                ? new ResourceAttributes { Verb = "impersonate", Resource = "users", Name = target }
                : new ResourceAttributes { Verb = "impersonate", Resource = "serviceaccounts", Namespace = serviceAccount.ns, Name = serviceAccount.name },
        };
        checks.AddRange(groups.Select(g => new ResourceAttributes { Verb = "impersonate", Resource = "groups", Name = g }));
        if (uid.Length > 0)
        {
            checks.Add(new ResourceAttributes { Verb = "impersonate", Group = "authentication.k8s.io", Resource = "uids", Name = uid });
        }

        var authorizer = rbac();
        foreach (var check in checks)
        {
            if (!authorizer.Authorize(caller, check).Allowed)
            {
                throw new ApiStatus(403, "Forbidden", $"{check.Resource} \"{check.Name}\" is forbidden: User \"{caller.Username}\" cannot impersonate resource \"{check.Resource}\" in API group \"{check.Group}\" at the cluster scope");
            }
        }

        groups.Add("system:authenticated");
        return UserInfo.Authenticated(target, uid, groups);
    }

    private async Task RouteAsync(HttpContext context, UserInfo user)
    {
        var path = context.Request.Path.Value ?? "/";
        var accept = context.Request.Headers.Accept.ToString();
        var get = context.Request.Method == "GET";
        switch (path.TrimEnd('/'))
        {
            case "/version" when get:
                await JsonResponses.WriteAsync(context, 200, Version).ConfigureAwait(false);
                return;
            case "/healthz" or "/livez" or "/readyz" when get:
                context.Response.ContentType = "text/plain";
                await context.Response.WriteAsync("ok", context.RequestAborted).ConfigureAwait(false);
                return;
            case "/api" when get:
                await WriteDiscoveryAsync(context, accept, core: true).ConfigureAwait(false);
                return;
            case "/apis" when get:
                await WriteDiscoveryAsync(context, accept, core: false).ConfigureAwait(false);
                return;
            case "/openapi/v3" when get:
                await JsonResponses.WriteAsync(context, 200, OpenApi.Index(catalog)).ConfigureAwait(false);
                return;
        }

        var segments = path.Trim('/').Split('/');
        switch (segments)
        {
            case ["openapi", "v3", "api", var version] when get && catalog.ServesGroupVersion("", version):
                await JsonResponses.WriteAsync(context, 200, OpenApi.GroupVersion(catalog, "", version)).ConfigureAwait(false);
                return;
            case ["openapi", "v3", "apis", var group, var version] when get && catalog.ServesGroupVersion(group, version):
                await JsonResponses.WriteAsync(context, 200, OpenApi.GroupVersion(catalog, group, version)).ConfigureAwait(false);
                return;
            case ["api", var version] when get && catalog.ServesGroupVersion("", version):
                await JsonResponses.WriteAsync(context, 200, Discovery.ResourceList(catalog, "", version)).ConfigureAwait(false);
                return;
            case ["apis", var group] when get && catalog.Resources.Any(r => r.Group == group):
                await JsonResponses.WriteAsync(context, 200, Discovery.Group(group, [.. catalog.Resources.Where(r => r.Group == group).Select(r => r.Version).Distinct()])).ConfigureAwait(false);
                return;
            case ["apis", var group, var version] when get && catalog.ServesGroupVersion(group, version):
                await JsonResponses.WriteAsync(context, 200, Discovery.ResourceList(catalog, group, version)).ConfigureAwait(false);
                return;
        }

        if (ApiRequestPath.Parse(path) is { } request)
        {
            await resources.HandleAsync(context, request, user).ConfigureAwait(false);
            return;
        }

        throw new ApiStatus(404, "NotFound", "the server could not find the requested resource");
    }

    private async Task WriteDiscoveryAsync(HttpContext context, string accept, bool core)
    {
        if (Discovery.WantsAggregated(accept))
        {
            context.Response.Headers.Vary = "Accept";
            await JsonResponses.WriteAsync(context, 200, Discovery.Aggregated(catalog, core), Discovery.AggregatedMediaType).ConfigureAwait(false);
            return;
        }

        await JsonResponses.WriteAsync(context, 200, core ? Discovery.ApiVersions() : Discovery.GroupList(catalog)).ConfigureAwait(false);
    }
}
