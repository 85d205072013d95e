using System.Net;
using Hoop.Api;
using Hoop.Api.V1Alpha1;
using Hoop.Kube.Informers;
using Hoop.Operator.Controllers;
using Hoop.Operator.Events;
using Hoop.Operator.Reconcilers.AccessRequests;
using Hoop.Testing.Kubernetes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace Hoop.Operator.Tests.Reconcilers;

public sealed class AccessRequestReconcilerTests(LocalKubeFixture fixture) : IClassFixture<LocalKubeFixture>
{
    private const string Request = "add-shipped-at";
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly CollectorRegistry _registry = Metrics.NewCustomRegistry();
    private AccessRequestMetrics? _metrics;

    private AccessRequestMetrics MetricsOf => _metrics ??= new AccessRequestMetrics(_registry, _time);

    private AccessRequestReconciler Reconciler(LocalKubeWorld world) => new(
        world.Requests, world.Connections, world.Policies, world.Client,
        new EventRecorder(world.Client, _time, NullLogger<EventRecorder>.Instance), MetricsOf, _time, NullLogger<AccessRequestReconciler>.Instance);

    private async Task<(AccessRequest Request, ReconcileResult Result)> ReconcileAsync(LocalKubeWorld world, AccessRequestReconciler? reconciler = null)
    {
        await world.RefreshAsync(_ct);
        var result = await (reconciler ?? Reconciler(world)).ReconcileAsync(new ObjectKey(world.Namespace, Request), _ct);
        return (await world.GetAsync<AccessRequest>(ResourceKind.AccessRequest, Request, _ct), result);
    }

    private async Task<LocalKubeWorld> OrdersDbWorldAsync()
    {
        var world = await LocalKubeWorld.CreateAsync(fixture, _ct);
        await world.ApplySampleAsync("hoop.dev_v1alpha1_connection_orders-db.yaml", cancellationToken: _ct);
        await world.ApplySampleAsync("hoop.dev_v1alpha1_approvalpolicy_production.yaml", cancellationToken: _ct);
        await world.ApplySampleAsync("hoop.dev_v1alpha1_accessrequest_add-shipped-at.yaml",
            m => m["spec"]!["requester"] = new System.Text.Json.Nodes.JsonObject { ["username"] = "alice", ["groups"] = new System.Text.Json.Nodes.JsonArray("developers") }, _ct);
        return world;
    }

    private Review Review(string reviewer, ReviewDecision decision) =>
        new() { Reviewer = reviewer, Groups = ["dba-leads", "reviewers"], Decision = decision, Time = _time.GetUtcNow().UtcDateTime };

    private async Task<IList<Corev1Event>> EventsAsync(LocalKubeWorld world) =>
        (await world.Client.CoreV1.ListNamespacedEventAsync(world.Namespace, cancellationToken: _ct)).Items
            .Where(e => e.InvolvedObject?.Name == Request).ToList();

    [Fact]
    public async Task Ddl_is_held_for_two_dba_leads_and_approved_when_both_agree()
    {
        using var world = await OrdersDbWorldAsync();

        var (request, result) = await ReconcileAsync(world);
        Assert.Equal(AccessRequestPhase.Pending, request.Status!.Phase);
        Assert.Equal(2, request.Status.RequiredApprovals);
        Assert.Equal(("production", "schema-changes", "0/2"), (request.Status.Policy, request.Status.Rule, request.Status.Approvals));
        Assert.Equal(request.Metadata.CreationTimestamp!.Value.AddHours(4), request.Status.ExpiresAt!.Value.ToUniversalTime(), TimeSpan.FromSeconds(1));
        Assert.NotNull(result.RequeueAfter);

        await world.AppendReviewAsync(Request, Review(TestUsers.Bob, ReviewDecision.Approve), _ct);
        (request, _) = await ReconcileAsync(world);
        Assert.Equal((AccessRequestPhase.Pending, "1/2"), (request.Status!.Phase, request.Status.Approvals));

        await world.AppendReviewAsync(Request, Review(TestUsers.Carol, ReviewDecision.Approve), _ct);
        (request, result) = await ReconcileAsync(world);
        Assert.Equal((AccessRequestPhase.Approved, "2/2"), (request.Status!.Phase, request.Status.Approvals));
        Assert.Equal(ConditionReasons.QuorumReached, request.Status.Conditions!.Single(c => c.Type == ConditionTypes.Ready).Reason);
        Assert.Equal(2, request.Status.Reviews!.Count);
        Assert.Null(result.RequeueAfter);

        var events = await EventsAsync(world);
        // One event per transition; their order is the phases' (asserted above), as timestamps of one second cannot tell.
        Assert.Equal([ConditionReasons.AwaitingApproval, ConditionReasons.QuorumReached], events.Select(e => e.Reason).Order());
        Assert.All(events, e => Assert.DoesNotContain("ALTER", e.Message, StringComparison.OrdinalIgnoreCase));
        Assert.All(events, e => Assert.Equal(EventRecorder.Component, e.ReportingComponent));
        Assert.Equal(1, Sample("hoop_operator_accessrequests", "phase=\"Approved\""));
        Assert.Equal(0, Sample("hoop_operator_accessrequests", "phase=\"Pending\""));
        Assert.Equal(2, Sample("hoop_operator_reviews_total", "decision=\"Approve\""));
        Assert.Equal(1, Sample("hoop_operator_decision_seconds_count", null));
    }

    [Fact]
    public async Task A_deny_review_denies_the_request_with_a_warning()
    {
        using var world = await OrdersDbWorldAsync();
        await ReconcileAsync(world);

        await world.AppendReviewAsync(Request, Review(TestUsers.Bob, ReviewDecision.Deny), _ct);
        var (request, _) = await ReconcileAsync(world);

        Assert.Equal(AccessRequestPhase.Denied, request.Status!.Phase);
        Assert.Equal(ConditionReasons.DeniedByReviewer, request.Status.Conditions!.Single(c => c.Type == ConditionTypes.Ready).Reason);
        var denied = (await EventsAsync(world)).Single(e => e.Reason == ConditionReasons.DeniedByReviewer);
        Assert.Equal(EventRecorder.Warning, denied.Type);
    }

    [Fact]
    public async Task A_break_glass_self_approval_approves_at_once_with_a_warning()
    {
        using var world = await LocalKubeWorld.CreateAsync(fixture, _ct);
        await world.ApplySampleAsync("hoop.dev_v1alpha1_connection_orders-db.yaml", cancellationToken: _ct);
        await world.ApplySampleAsync("hoop.dev_v1alpha1_approvalpolicy_production.yaml", cancellationToken: _ct);
        await world.ApplySampleAsync("hoop.dev_v1alpha1_accessrequest_add-shipped-at.yaml", m =>
        {
            m["spec"]!["breakGlass"] = true;
            m["spec"]!["requester"] = new System.Text.Json.Nodes.JsonObject { ["username"] = "erin" };
        }, _ct);
        await ReconcileAsync(world);

        await world.AppendReviewAsync(Request, new Review { Reviewer = "erin", Groups = ["sre-oncall"], Decision = ReviewDecision.Approve, Time = _time.GetUtcNow().UtcDateTime }, _ct);
        var (request, _) = await ReconcileAsync(world);

        Assert.Equal(AccessRequestPhase.Approved, request.Status!.Phase);
        var glass = request.Status.Conditions!.Single(c => c.Type == ConditionTypes.BreakGlass);
        Assert.Equal(("True", ConditionReasons.EmergencyAccess), (glass.Status, glass.Reason));
        var warning = (await EventsAsync(world)).Single(e => e.Reason == ConditionReasons.EmergencyAccess);
        Assert.Equal(EventRecorder.Warning, warning.Type);
        Assert.Contains("erin", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreviewed_request_expires_after_its_rule_timeout_and_stays_expired()
    {
        using var world = await OrdersDbWorldAsync();
        await ReconcileAsync(world);

        _time.Advance(TimeSpan.FromHours(4) + TimeSpan.FromSeconds(2));
        var (request, result) = await ReconcileAsync(world);
        Assert.Equal(AccessRequestPhase.Expired, request.Status!.Phase);
        Assert.Equal(ConditionReasons.TimedOut, request.Status.Conditions!.Single(c => c.Type == ConditionTypes.Ready).Reason);
        Assert.Null(result.RequeueAfter);
        Assert.Contains(await EventsAsync(world), e => e.Reason == ConditionReasons.TimedOut);

        _time.Advance(TimeSpan.FromDays(1));
        var (again, _) = await ReconcileAsync(world);
        Assert.Equal(request.Metadata.ResourceVersion, again.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Reconciling_a_converged_pending_request_writes_nothing()
    {
        using var world = await OrdersDbWorldAsync();
        var (request, _) = await ReconcileAsync(world);

        _time.Advance(TimeSpan.FromMinutes(30));
        var (again, _) = await ReconcileAsync(world, Reconciler(world));

        Assert.Equal(request.Metadata.ResourceVersion, again.Metadata.ResourceVersion);
        Assert.Single(await EventsAsync(world));
    }

    [Fact]
    public async Task A_review_appended_while_deciding_makes_the_stale_decision_fail()
    {
        using var world = await OrdersDbWorldAsync();
        await ReconcileAsync(world);
        await world.AppendReviewAsync(Request, Review(TestUsers.Bob, ReviewDecision.Approve), _ct);
        await world.RefreshAsync(_ct);

        // A deny lands after the cache was read: a status decided from the cached object (one approval, still
        // Pending) must not be written over a request whose reviews it has not seen.
        await world.AppendReviewAsync(Request, Review(TestUsers.Carol, ReviewDecision.Deny), _ct);
        var reconciler = Reconciler(world);
        var conflict = await Assert.ThrowsAsync<HttpOperationException>(() => reconciler.ReconcileAsync(new ObjectKey(world.Namespace, Request), _ct));
        Assert.Equal(HttpStatusCode.Conflict, conflict.Response.StatusCode);

        var (request, _) = await ReconcileAsync(world, reconciler);
        Assert.Equal(AccessRequestPhase.Denied, request.Status!.Phase);
        Assert.Equal(2, request.Status.Reviews!.Count);
    }

    [Fact]
    public async Task A_request_for_a_missing_connection_waits_degraded()
    {
        using var world = await LocalKubeWorld.CreateAsync(fixture, _ct);
        await world.ApplySampleAsync("hoop.dev_v1alpha1_approvalpolicy_production.yaml", cancellationToken: _ct);
        await world.ApplySampleAsync("hoop.dev_v1alpha1_accessrequest_add-shipped-at.yaml", cancellationToken: _ct);

        var (request, result) = await ReconcileAsync(world);

        Assert.Equal(AccessRequestPhase.Pending, request.Status!.Phase);
        var degraded = request.Status.Conditions!.Single(c => c.Type == ConditionTypes.Degraded);
        Assert.Equal(("True", ConditionReasons.ConnectionNotFound), (degraded.Status, degraded.Reason));
        Assert.NotNull(result.RequeueAfter);
    }

    [Fact]
    public async Task A_broken_policy_denies_the_request()
    {
        using var world = await LocalKubeWorld.CreateAsync(fixture, _ct);
        await world.ApplySampleAsync("hoop.dev_v1alpha1_connection_orders-db.yaml", cancellationToken: _ct);
        await world.ApplySampleAsync("hoop.dev_v1alpha1_approvalpolicy_production.yaml",
            m => m["spec"]!["rules"]![0]!["match"]!["sql"]!["patterns"] = new System.Text.Json.Nodes.JsonArray("(unclosed"), _ct);
        await world.ApplySampleAsync("hoop.dev_v1alpha1_accessrequest_add-shipped-at.yaml", cancellationToken: _ct);

        var (request, _) = await ReconcileAsync(world);

        Assert.Equal(AccessRequestPhase.Denied, request.Status!.Phase);
        Assert.Equal(ConditionReasons.InvalidRules, request.Status.Conditions!.Single(c => c.Type == ConditionTypes.Ready).Reason);
    }

    private double Sample(string name, string? label)
    {
        using var stream = new MemoryStream();
        _registry.CollectAndExportAsTextAsync(stream, _ct).GetAwaiter().GetResult();
        var line = System.Text.Encoding.UTF8.GetString(stream.ToArray()).Split('\n')
            .Single(l => l.StartsWith(name, StringComparison.Ordinal) && (l.Length > name.Length && l[name.Length] is ' ' or '{') && (label is null || l.Contains(label, StringComparison.Ordinal)));
        return double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
