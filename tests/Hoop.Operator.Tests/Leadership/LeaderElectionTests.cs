using Hoop.Operator.Leadership;
using Hoop.Operator.Tests.Controllers;
using Hoop.Testing.Kubernetes;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hoop.Operator.Tests.Leadership;

public sealed class LeaderElectionTests(LocalKubeFixture kube) : IClassFixture<LocalKubeFixture>
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(2);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Of_two_candidates_only_one_leads()
    {
        var (ns, log) = (await NewNamespaceAsync(), new LeadershipLog());
        using var c1 = TestCluster.Client(kube.KubeconfigFor(TestUsers.Admin));
        using var c2 = TestCluster.Client(kube.KubeconfigFor(TestUsers.Admin));
        var a = Elector(c1, ns, "a");
        var b = Elector(c2, ns, "b");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var runs = Task.WhenAll(a.RunAsync(log.Lead("a"), stop.Token), b.RunAsync(log.Lead("b"), stop.Token));
        await TestCluster.EventuallyAsync(() => log.Leaders == 1, "one candidate leads", Ct);
        await Task.Delay(LeaseDuration * 2, Ct);

        Assert.Single(log.Terms);
        Assert.Equal(1, log.Leaders);
        Assert.True(a.IsLeader ^ b.IsLeader, "exactly one elector must believe it leads");
        await stop.CancelAsync();
        await runs.WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    [Fact]
    public async Task A_stopped_leader_releases_the_lease_and_the_other_takes_over_at_once()
    {
        var (ns, log) = (await NewNamespaceAsync(), new LeadershipLog());
        using var c1 = TestCluster.Client(kube.KubeconfigFor(TestUsers.Admin));
        using var c2 = TestCluster.Client(kube.KubeconfigFor(TestUsers.Admin));
        using var stopFirst = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var first = Elector(c1, ns, "first").RunAsync(log.Lead("first"), stopFirst.Token);
        await TestCluster.EventuallyAsync(() => log.Leaders == 1, "the first candidate leads", Ct);
        using var stopSecond = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var second = Elector(c2, ns, "second").RunAsync(log.Lead("second"), stopSecond.Token);
        await Task.Delay(LeaseDuration, Ct);
        Assert.Single(log.Terms);

        await stopFirst.CancelAsync();
        await first.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await TestCluster.EventuallyAsync(() => log.Terms.Count == 2, "the second candidate leads", Ct);

        log.AssertNoOverlap();
        Assert.True(log.Handover() < LeaseDuration, $"the handover took {log.Handover()}, as long as an expiry; the release did not count");
        await stopSecond.CancelAsync();
        await second.WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    [Fact]
    public async Task A_leader_abandoning_the_lease_without_release_is_replaced_once_it_expires()
    {
        var (ns, log) = (await NewNamespaceAsync(), new LeadershipLog());
        using var c1 = TestCluster.Client(kube.KubeconfigFor(TestUsers.Admin));
        using var c2 = TestCluster.Client(kube.KubeconfigFor(TestUsers.Admin));
        using var stopFirst = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var first = Elector(c1, ns, "first", release: false).RunAsync(log.Lead("first"), stopFirst.Token);
        await TestCluster.EventuallyAsync(() => log.Leaders == 1, "the first candidate leads", Ct);
        using var stopSecond = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var second = Elector(c2, ns, "second").RunAsync(log.Lead("second"), stopSecond.Token);
        await Task.Delay(LeaseDuration, Ct);

        await stopFirst.CancelAsync();
        await first.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await TestCluster.EventuallyAsync(() => log.Terms.Count == 2, "the second candidate leads", Ct);

        log.AssertNoOverlap();
        var handover = log.Handover();
        Assert.True(handover > LeaseDuration / 2, $"the second took over after {handover}, before the unreleased lease could have expired");
        Assert.True(handover < LeaseDuration + TimeSpan.FromSeconds(2), $"the handover took {handover}, longer than the lease duration");
        await stopSecond.CancelAsync();
        await second.WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    [Fact]
    public async Task A_leader_that_cannot_renew_steps_down_before_another_takes_over()
    {
        var (ns, log) = (await NewNamespaceAsync(), new LeadershipLog());
        var severed = new SeveredConnection();
        using var c1 = TestCluster.Client(kube.KubeconfigFor(TestUsers.Admin), severed);
        using var c2 = TestCluster.Client(kube.KubeconfigFor(TestUsers.Admin));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var partitioned = Elector(c1, ns, "partitioned");
        var first = partitioned.RunAsync(log.Lead("partitioned"), stop.Token);
        await TestCluster.EventuallyAsync(() => log.Leaders == 1, "the first candidate leads", Ct);
        var second = Elector(c2, ns, "second").RunAsync(log.Lead("second"), stop.Token);
        await Task.Delay(LeaseDuration, Ct);

        severed.Sever();
        await TestCluster.EventuallyAsync(() => log.Terms.Count == 2, "the second candidate leads", Ct);

        log.AssertNoOverlap();
        Assert.False(partitioned.IsLeader);
        Assert.True(log.Handover() < LeaseDuration + TimeSpan.FromSeconds(2), $"the handover took {log.Handover()}");
        await stop.CancelAsync();
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    private static LeaderElection Elector(IKubernetes client, string ns, string identity, bool release = true) => new(
        client,
        new LeaderElectionOptions
        {
            Namespace = ns,
            Identity = identity,
            LeaseDuration = LeaseDuration,
            RenewDeadline = TimeSpan.FromSeconds(1.5),
            RetryPeriod = TimeSpan.FromMilliseconds(200),
            ReleaseOnCancel = release,
        },
        TimeProvider.System,
        NullLogger.Instance);

    private async Task<string> NewNamespaceAsync()
    {
        using var client = TestCluster.Client(kube.KubeconfigFor(TestUsers.Admin));
        return await TestCluster.NewNamespaceAsync(client, Ct);
    }
}
