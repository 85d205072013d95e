using System.Net;
using System.Text;
using System.Threading.Channels;
using Hoop.Api;
using Hoop.Api.V1Alpha1;
using Hoop.Kube.Informers;
using Hoop.Policy.Masking;
using Hoop.Policy.Rules;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Hoop.Gateway.Hosting;

/// <summary>
/// Follows the gateway's Connection, the ApprovalPolicies of its namespace and the Secrets it reads, and keeps one
/// <see cref="ConnectionSnapshot"/> current. Connection and policies come from watches (changes apply to the next
/// statement); the Secrets, which the gateway may only get, are read again when the Connection changes and every
/// <see cref="SecretRefresh"/>. Whenever something is missing or broken there is no snapshot, and new sessions are refused.
/// </summary>
internal sealed class ConnectionFollower
{
    public static readonly TimeSpan SecretRefresh = TimeSpan.FromMinutes(1);

    private readonly IKubernetes _client;
    private readonly GatewayOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ResourceInformer<Connection> _connections;
    private readonly ResourceInformer<ApprovalPolicy> _policies;
    private readonly Channel<bool> _changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile ConnectionSnapshot? _current;
    private volatile string _problem = "starting: the Connection and its policies are not loaded yet";
    private (string? ResourceVersion, BackendCredential? Credential, RecordingKey? Key) _secrets;

    public ConnectionFollower(IKubernetes client, GatewayOptions options, TimeProvider time, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _client = client;
        _options = options;
        _time = time;
        _logger = loggerFactory.CreateLogger<ConnectionFollower>();
        var informerLog = loggerFactory.CreateLogger<ResourceInformer<Connection>>();
        _connections = new ResourceInformer<Connection>(
            client, ResourceDescriptor.For(ResourceKind.Connection, options.Namespace).Named(options.Connection), time, informerLog);
        _policies = new ResourceInformer<ApprovalPolicy>(
            client, ResourceDescriptor.For(ResourceKind.ApprovalPolicy, options.Namespace), time, loggerFactory.CreateLogger<ResourceInformer<ApprovalPolicy>>());
        _connections.AddEventHandler(new ResourceEventHandler<Connection>(_ => Signal(), (_, _) => Signal(), _ => Signal()));
        _policies.AddEventHandler(new ResourceEventHandler<ApprovalPolicy>(_ => Signal(), (_, _) => Signal(), _ => Signal()));
    }

    /// <summary>The current view, or null while something the gateway needs is missing (<see cref="Problem"/> says what).</summary>
    public ConnectionSnapshot? Current => _current;

    /// <summary>Why there is no snapshot, in words fit for a client and a probe; empty when there is one.</summary>
    public string Problem => _current is null ? _problem : "";

    /// <summary>Completes once the first snapshot exists.</summary>
    public Task WaitUntilLoadedAsync(CancellationToken cancellationToken) => _loaded.Task.WaitAsync(cancellationToken);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var informers = Task.WhenAll(_connections.RunAsync(cancellationToken), _policies.RunAsync(cancellationToken));
        var nextSecretRead = _time.GetUtcNow();
        try
        {
            await Task.WhenAll(_connections.WaitForSyncAsync(cancellationToken), _policies.WaitForSyncAsync(cancellationToken)).ConfigureAwait(false);
            while (!cancellationToken.IsCancellationRequested)
            {
                var rereadSecrets = _time.GetUtcNow() >= nextSecretRead;
                await RebuildAsync(rereadSecrets, cancellationToken).ConfigureAwait(false);
                if (rereadSecrets)
                {
                    nextSecretRead = _time.GetUtcNow() + SecretRefresh;
                }

                var wait = nextSecretRead - _time.GetUtcNow();
                using var timeout = new CancellationTokenSource(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, _time);
                using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
                try
                {
                    // One pending signal at most: a burst of watch events (a policy rollout) rebuilds once.
                    await _changed.Reader.ReadAsync(either.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // The refresh interval passed.
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        await informers.ConfigureAwait(false);
    }

    private void Signal() => _changed.Writer.TryWrite(true);

    private async Task RebuildAsync(bool rereadSecrets, CancellationToken cancellationToken)
    {
        var connection = _connections.Get(new ObjectKey(_options.Namespace, _options.Connection));
        if (connection is null)
        {
            Refuse($"Connection {_options.ConnectionKey} does not exist (deleted, or not created yet)");
            return;
        }

        if (connection.Spec.Type != ConnectionType.Postgres)
        {
            Refuse($"Connection {_options.ConnectionKey} is of type {connection.Spec.Type}; this gateway serves postgres Connections only so far");
            return;
        }

        try
        {
            if (rereadSecrets || _secrets.ResourceVersion != connection.Metadata.ResourceVersion)
            {
                _secrets = (connection.Metadata.ResourceVersion, await ReadCredentialAsync(connection, cancellationToken).ConfigureAwait(false),
                    await ReadRecordingKeyAsync(cancellationToken).ConfigureAwait(false));
            }
        }
        catch (SecretProblem problem)
        {
            _secrets = default;
            Refuse(problem.Message);
            return;
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Keep the last good view: the API server being away must not cut off what policy allows.
            if (_current is null)
            {
                Refuse("the API server did not answer while the gateway read its Secrets; retrying");
            }

            _logger.SecretsUnreadable(e);
            return;
        }

        if (!MaskingEngine.TryCreate(connection.Spec.Masking, ConnectionSnapshot.MaskingSalt(_secrets.Key!), out var masking, out var maskingErrors))
        {
            Refuse($"Connection {_options.ConnectionKey} has invalid masking ({maskingErrors[0]}); nothing is served unmasked");
            return;
        }

        var policies = PolicySet.For(connection.Metadata.Name, connection.Metadata.Labels as IReadOnlyDictionary<string, string>, _policies.List(_options.Namespace));
        _current = new ConnectionSnapshot(connection, _secrets.Credential!, policies, masking, _secrets.Key!);
        _loaded.TrySetResult();
        _logger.Serving(_options.ConnectionKey, policies.Policies.Count, policies.Broken.Count);
    }

    private void Refuse(string problem)
    {
        if (_current is not null || _problem != problem)
        {
            _logger.NotServing(_options.ConnectionKey, problem);
        }

        _problem = problem;
        _current = null;
    }

    private async Task<BackendCredential> ReadCredentialAsync(Connection connection, CancellationToken cancellationToken)
    {
        var name = connection.Spec.CredentialsSecretRef.Name;
        var secret = await GetSecretAsync(name, cancellationToken).ConfigureAwait(false);
        var username = Field(secret, "username");
        var password = Field(secret, "password");
        return username is null || password is null
            ? throw new SecretProblem($"Secret {_options.Namespace}/{name} lacks username or password, which the gateway logs in to the target with")
            : new BackendCredential(username, password);
    }

    private async Task<RecordingKey> ReadRecordingKeyAsync(CancellationToken cancellationToken)
    {
        var name = GatewayNames.RecordingKey(_options.Connection);
        var secret = await GetSecretAsync(name, cancellationToken).ConfigureAwait(false);
        return secret.Data?.TryGetValue(GatewayNames.RecordingKeyField, out var key) == true && key.Length >= RecordingKey.MinimumLength
            ? new RecordingKey($"{name}@{secret.Metadata.Uid}", key)
            : throw new SecretProblem(
                $"Secret {_options.Namespace}/{name} holds no {GatewayNames.RecordingKeyField} of at least {RecordingKey.MinimumLength} bytes; recordings cannot be signed");
    }

    private async Task<V1Secret> GetSecretAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.CoreV1.ReadNamespacedSecretAsync(name, _options.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            throw new SecretProblem(e.Response.StatusCode == HttpStatusCode.NotFound
                ? $"Secret {_options.Namespace}/{name} does not exist"
                : $"the gateway may not read Secret {_options.Namespace}/{name} (check its Role)");
        }
    }

    private static string? Field(V1Secret secret, string key) =>
        secret.Data?.TryGetValue(key, out var bytes) == true && bytes.Length > 0 ? Encoding.UTF8.GetString(bytes) : null;

    private sealed class SecretProblem(string message) : Exception(message);
}
