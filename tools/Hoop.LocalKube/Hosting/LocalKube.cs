using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Hoop.LocalKube.Admission;
using Hoop.LocalKube.Api;
using Hoop.LocalKube.Authentication;
using Hoop.LocalKube.Authorization;
using Hoop.LocalKube.Http;
using Hoop.LocalKube.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Hoop.LocalKube.Hosting;

/// <summary>
/// A running local Kubernetes API server: HTTPS on loopback (HTTP/1.1 and HTTP/2), static and ServiceAccount tokens,
/// state in memory. Start it in-process with <see cref="StartAsync"/>; dispose to stop.
/// </summary>
public sealed class LocalKube : IAsyncDisposable
{
    private static readonly string[] DefaultNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];

    private readonly WebApplication _app;
    private readonly ServingCertificate _certificate;
    private readonly IReadOnlyDictionary<string, UserInfo> _tokens;
    private readonly StatePersistence? _persistence;

    private LocalKube(WebApplication app, ServingCertificate certificate, IReadOnlyDictionary<string, UserInfo> tokens, Uri url, StatePersistence? persistence, ServiceEndpoints services)
    {
        Services = services;
        _app = app;
        _certificate = certificate;
        _tokens = tokens;
        _persistence = persistence;
        Url = url;
    }

    /// <summary>Where it serves, e.g. <c>https://127.0.0.1:43125</c>.</summary>
    public Uri Url { get; }

    /// <summary>Where webhook Services resolve to: register the local endpoint of each Service a webhook names.</summary>
    public ServiceEndpoints Services { get; }

    /// <summary>The CA that signed the serving certificate, PEM.</summary>
    public string CertificateAuthorityPem => _certificate.AuthorityPem;

    public static async Task<LocalKube> StartAsync(LocalKubeOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var tokens = options.Tokens();
        var time = options.Time;
        var certificate = ServingCertificate.Create(time);
        var catalog = new ResourceCatalog();
        var store = new ObjectStore(options.WatchHistory);
        var persistence = options.DataDirectory is { } directory ? new StatePersistence(store, directory) : null;
        var signingKey = persistence?.Load(() => RandomNumberGenerator.GetBytes(32)) ?? RandomNumberGenerator.GetBytes(32);
        var serviceAccountTokens = new ServiceAccountTokens(signingKey, time);
        var authenticator = new Authenticator(tokens, serviceAccountTokens);
        var crds = new CustomResourceDefinitions(catalog, store, time);
        // RBAC objects are read afresh for every decision, so a new binding counts at once.
        string[] rbacKinds = ["roles", "clusterroles", "rolebindings", "clusterrolebindings"];
        RbacAuthorizer Rbac() => new(rbacKinds.SelectMany(kind => store.List($"rbac.authorization.k8s.io/{kind}", null).Items));
        var reviews = new Reviews(authenticator, (caller, review) => AccessReviews.Answer(review, caller, Rbac()) switch
        {
            { Rejection: { } rejection } => throw new ApiStatus(rejection.Code, rejection.Reason, rejection.Message, rejection.ToStatus()["details"]?.DeepClone().AsObject()),
            { Review: { } answer } => answer,
            _ => throw new ApiStatus(500, "InternalError", "Internal error occurred: the access review produced no answer"),
        });
        var services = new ServiceEndpoints();
        var admission = new WebhookDispatcher(store, services);
        var resources = new ResourceHandler(catalog, store, time, crds, new GarbageCollector(store, time), serviceAccountTokens, reviews, admission);
        var server = new ApiServer(catalog, authenticator, resources, Rbac);
        foreach (var ns in DefaultNamespaces)
        {
            store.TryCreate("/namespaces", Namespace(ns, time), out _);
        }

        crds.Refresh();
        persistence?.Start();

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
            kestrel.Listen(options.Listen, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(certificate.Server);
            });
        });
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        var host = options.Listen.Address.Equals(IPAddress.IPv6Loopback) ? "[::1]" : options.Listen.Address.ToString();
        return new LocalKube(app, certificate, tokens, new Uri($"https://{host}:{port.ToString(CultureInfo.InvariantCulture)}"), persistence, services);
    }

    /// <summary>A kubeconfig for this server with a context per token user; <paramref name="user"/> is the current one.</summary>
    public string Kubeconfig(string? user = null)
    {
        var current = user ?? _tokens.Values.FirstOrDefault()?.Username
            ?? throw new InvalidOperationException("the token file has no users, so no kubeconfig can authenticate");
        if (_tokens.Values.All(u => u.Username != current))
        {
            throw new ArgumentException($"no token in the token file belongs to user '{current}'", nameof(user));
        }

        return Hosting.Kubeconfig.Render(Url.ToString().TrimEnd('/'), CertificateAuthorityPem, _tokens, current);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        if (_persistence is not null)
        {
            await _persistence.DisposeAsync().ConfigureAwait(false);
        }

        _certificate.Dispose();
    }

    private static JsonObject Namespace(string name, TimeProvider time) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Namespace",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["uid"] = ObjectMetadata.NewUid(),
            ["creationTimestamp"] = ObjectMetadata.Timestamp(time.GetUtcNow()),
            ["labels"] = new JsonObject { ["kubernetes.io/metadata.name"] = name },
        },
        ["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") },
        ["status"] = new JsonObject { ["phase"] = "Active" },
    };
}
