using System.Net;
using System.Security.Cryptography.X509Certificates;
using Hoop.Operator.Webhooks;
using Hoop.Testing.Kubernetes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace Hoop.Operator.Tests.Webhooks;

/// <summary>The serving certificate and its Secret, against LocalKube standing in for the cluster.</summary>
public sealed class WebhookCertificatesTests(LocalKubeFixture cluster) : IClassFixture<LocalKubeFixture>, IDisposable
{
    private static int _namespaces;
    private readonly Kubernetes _client = new(KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.KubeconfigFor(TestUsers.Admin)));
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly WebhookHostNames _names = WebhookHostNames.For("hoop-operator-webhook", "hoop-system", new Uri("https://127.0.0.1:9443"));

    public void Dispose() => _client.Dispose();

    private async Task<string> NamespaceAsync()
    {
        var name = $"hoop-system-{Interlocked.Increment(ref _namespaces)}";
        await _client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } }, cancellationToken: TestContext.Current.CancellationToken);
        return name;
    }

    [Fact]
    public void A_new_certificate_names_the_service_and_the_url_host_and_chains_to_its_ca()
    {
        using var certificate = WebhookCertificates.Create(_names, _time.GetUtcNow());

        var san = certificate.Server.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["hoop-operator-webhook.hoop-system.svc", "hoop-operator-webhook.hoop-system.svc.cluster.local"], san.EnumerateDnsNames());
        Assert.Equal([IPAddress.Loopback], san.EnumerateIPAddresses());
        Assert.True(certificate.Server.HasPrivateKey);
        using var ca = X509Certificate2.CreateFromPem(certificate.AuthorityPem);
        Assert.Equal(ca.Subject, certificate.Server.Issuer);
        Assert.Equal(_time.GetUtcNow() + WebhookCertificates.Lifetime, certificate.NotAfter, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void A_url_base_with_a_host_name_becomes_a_dns_name()
    {
        var names = WebhookHostNames.For("svc", "ns", new Uri("https://operator.example.com:9443/base"));
        Assert.Contains("operator.example.com", names.DnsNames);
        Assert.Empty(names.IpAddresses);
    }

    [Fact]
    public async Task The_first_replica_stores_the_certificate_and_the_next_reuses_it()
    {
        var ns = await NamespaceAsync();
        var certificates = new WebhookCertificates(_client, _time);

        using var first = await certificates.EnsureAsync(ns, _names, TestContext.Current.CancellationToken);
        using var second = await certificates.EnsureAsync(ns, _names, TestContext.Current.CancellationToken);

        Assert.Equal(first.Server.Thumbprint, second.Server.Thumbprint);
        var secret = await _client.CoreV1.ReadNamespacedSecretAsync(WebhookCertificates.SecretName, ns, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("kubernetes.io/tls", secret.Type);
        Assert.Equal(["ca.crt", "tls.crt", "tls.key"], secret.Data.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(first.AuthorityPem, System.Text.Encoding.ASCII.GetString(secret.Data["ca.crt"]));
    }

    [Fact]
    public async Task Replicas_starting_together_settle_on_one_certificate()
    {
        var ns = await NamespaceAsync();
        var replicas = Enumerable.Range(0, 4).Select(_ => new WebhookCertificates(_client, _time).EnsureAsync(ns, _names, TestContext.Current.CancellationToken));

        var certificates = await Task.WhenAll(replicas);

        var stored = await new WebhookCertificates(_client, _time).EnsureAsync(ns, _names, TestContext.Current.CancellationToken);
        Assert.All(certificates, c => Assert.Equal(stored.Server.Thumbprint, c.Server.Thumbprint));
        foreach (var certificate in certificates.Append(stored))
        {
            certificate.Dispose();
        }
    }

    [Fact]
    public async Task A_certificate_within_thirty_days_of_expiry_is_renewed()
    {
        var ns = await NamespaceAsync();
        var certificates = new WebhookCertificates(_client, _time);
        using var first = await certificates.EnsureAsync(ns, _names, TestContext.Current.CancellationToken);

        _time.Advance(WebhookCertificates.Lifetime - TimeSpan.FromDays(31));
        using var stillGood = await certificates.EnsureAsync(ns, _names, TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromDays(2));
        using var renewed = await certificates.EnsureAsync(ns, _names, TestContext.Current.CancellationToken);

        Assert.Equal(first.Server.Thumbprint, stillGood.Server.Thumbprint);
        Assert.NotEqual(first.Server.Thumbprint, renewed.Server.Thumbprint);
        Assert.True(renewed.NotAfter > _time.GetUtcNow() + TimeSpan.FromDays(300));
    }

    [Fact]
    public async Task A_certificate_missing_a_needed_name_is_replaced()
    {
        var ns = await NamespaceAsync();
        var certificates = new WebhookCertificates(_client, _time);
        using var inCluster = await certificates.EnsureAsync(ns, WebhookHostNames.For("hoop-operator-webhook", ns), TestContext.Current.CancellationToken);

        using var outOfCluster = await certificates.EnsureAsync(ns, WebhookHostNames.For("hoop-operator-webhook", ns, new Uri("https://127.0.0.1:0")), TestContext.Current.CancellationToken);

        Assert.NotEqual(inCluster.Server.Thumbprint, outOfCluster.Server.Thumbprint);
        Assert.Contains(IPAddress.Loopback, outOfCluster.Server.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateIPAddresses());
    }

    [Fact]
    public async Task A_secret_with_unreadable_contents_is_replaced()
    {
        var ns = await NamespaceAsync();
        await _client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret
            {
                Metadata = new V1ObjectMeta { Name = WebhookCertificates.SecretName },
                Type = "kubernetes.io/tls",
                Data = new Dictionary<string, byte[]> { ["ca.crt"] = [1, 2], ["tls.crt"] = [3], ["tls.key"] = [4] },
            },
            ns,
            cancellationToken: TestContext.Current.CancellationToken);

        using var certificate = await new WebhookCertificates(_client, _time).EnsureAsync(ns, _names, TestContext.Current.CancellationToken);

        var secret = await _client.CoreV1.ReadNamespacedSecretAsync(WebhookCertificates.SecretName, ns, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(certificate.AuthorityPem, System.Text.Encoding.ASCII.GetString(secret.Data["ca.crt"]));
    }
}
