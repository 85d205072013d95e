using Hoop.Policy.Kubernetes;

namespace Hoop.Policy.Tests.Kubernetes;

public sealed class KubernetesRequestInfoTests
{
    [Theory]
    // method, path, verb, prefix, group, version, namespace, resource, subresource, name
    [InlineData("GET", "/api/v1/namespaces/default/pods", "list", "api", "", "v1", "default", "pods", "", "")]
    [InlineData("GET", "/api/v1/namespaces/default/pods/web-0", "get", "api", "", "v1", "default", "pods", "", "web-0")]
    [InlineData("HEAD", "/api/v1/namespaces/default/pods/web-0", "get", "api", "", "v1", "default", "pods", "", "web-0")]
    [InlineData("GET", "/api/v1/namespaces/default/pods?watch=true", "watch", "api", "", "v1", "default", "pods", "", "")]
    [InlineData("GET", "/api/v1/namespaces/default/pods?watch=1&resourceVersion=5", "watch", "api", "", "v1", "default", "pods", "", "")]
    [InlineData("GET", "/api/v1/namespaces/default/pods?watch", "watch", "api", "", "v1", "default", "pods", "", "")]
    [InlineData("GET", "/api/v1/namespaces/default/pods?watch=false", "list", "api", "", "v1", "default", "pods", "", "")]
    [InlineData("GET", "/api/v1/namespaces/default/pods?watch=FALSE", "list", "api", "", "v1", "default", "pods", "", "")]
    [InlineData("GET", "/api/v1/namespaces/default/pods?watch=0", "list", "api", "", "v1", "default", "pods", "", "")]
    [InlineData("GET", "/api/v1/pods", "list", "api", "", "v1", "", "pods", "", "")]
    [InlineData("POST", "/api/v1/namespaces/default/pods", "create", "api", "", "v1", "default", "pods", "", "")]
    [InlineData("PUT", "/api/v1/namespaces/default/pods/web-0", "update", "api", "", "v1", "default", "pods", "", "web-0")]
    [InlineData("PATCH", "/api/v1/namespaces/default/pods/web-0", "patch", "api", "", "v1", "default", "pods", "", "web-0")]
    [InlineData("DELETE", "/api/v1/namespaces/default/pods/web-0", "delete", "api", "", "v1", "default", "pods", "", "web-0")]
    [InlineData("DELETE", "/api/v1/namespaces/default/pods", "deletecollection", "api", "", "v1", "default", "pods", "", "")]
    [InlineData("DELETE", "/api/v1/namespaces/default/pods?labelSelector=app%3Dweb", "deletecollection", "api", "", "v1", "default", "pods", "", "")]
    [InlineData("POST", "/api/v1/namespaces/default/pods/web-0/exec?command=sh&stdin=true", "create", "api", "", "v1", "default", "pods", "exec", "web-0")]
    [InlineData("GET", "/api/v1/namespaces/default/pods/web-0/exec?command=sh", "get", "api", "", "v1", "default", "pods", "exec", "web-0")]
    [InlineData("POST", "/api/v1/namespaces/default/pods/web-0/attach", "create", "api", "", "v1", "default", "pods", "attach", "web-0")]
    [InlineData("POST", "/api/v1/namespaces/default/pods/web-0/portforward", "create", "api", "", "v1", "default", "pods", "portforward", "web-0")]
    [InlineData("GET", "/api/v1/namespaces/default/pods/web-0/log?follow=true", "get", "api", "", "v1", "default", "pods", "log", "web-0")]
    [InlineData("GET", "/api/v1/namespaces/default/pods/web-0/proxy/metrics", "get", "api", "", "v1", "default", "pods", "proxy", "web-0")]
    [InlineData("GET", "/api/v1/namespaces/prod/secrets", "list", "api", "", "v1", "prod", "secrets", "", "")]
    [InlineData("GET", "/api/v1/namespaces/prod/secrets/db", "get", "api", "", "v1", "prod", "secrets", "", "db")]
    [InlineData("GET", "/api/v1/nodes", "list", "api", "", "v1", "", "nodes", "", "")]
    [InlineData("GET", "/api/v1/nodes/node-1", "get", "api", "", "v1", "", "nodes", "", "node-1")]
    [InlineData("PATCH", "/api/v1/nodes/node-1/status", "patch", "api", "", "v1", "", "nodes", "status", "node-1")]
    [InlineData("GET", "/api/v1/namespaces", "list", "api", "", "v1", "", "namespaces", "", "")]
    [InlineData("GET", "/api/v1/namespaces/kube-system", "get", "api", "", "v1", "kube-system", "namespaces", "", "kube-system")]
    [InlineData("DELETE", "/api/v1/namespaces/team-a", "delete", "api", "", "v1", "team-a", "namespaces", "", "team-a")]
    [InlineData("PUT", "/api/v1/namespaces/team-a/finalize", "update", "api", "", "v1", "team-a", "namespaces", "finalize", "team-a")]
    [InlineData("GET", "/api/v1/namespaces/team-a/status", "get", "api", "", "v1", "team-a", "namespaces", "status", "team-a")]
    [InlineData("GET", "/apis/apps/v1/namespaces/x/deployments", "list", "apis", "apps", "v1", "x", "deployments", "", "")]
    [InlineData("GET", "/apis/apps/v1/namespaces/x/deployments?watch=true", "watch", "apis", "apps", "v1", "x", "deployments", "", "")]
    [InlineData("PUT", "/apis/apps/v1/namespaces/x/deployments/web/scale", "update", "apis", "apps", "v1", "x", "deployments", "scale", "web")]
    [InlineData("GET", "/apis/apps/v1/namespaces/x/deployments/web/scale", "get", "apis", "apps", "v1", "x", "deployments", "scale", "web")]
    [InlineData("GET", "/apis/apps/v1/deployments", "list", "apis", "apps", "v1", "", "deployments", "", "")]
    [InlineData("POST", "/apis/hoop.dev/v1alpha1/namespaces/ops/accessrequests", "create", "apis", "hoop.dev", "v1alpha1", "ops", "accessrequests", "", "")]
    [InlineData("PATCH", "/apis/hoop.dev/v1alpha1/namespaces/ops/accessrequests/r1/status", "patch", "apis", "hoop.dev", "v1alpha1", "ops", "accessrequests", "status", "r1")]
    [InlineData("GET", "/apis/rbac.authorization.k8s.io/v1/clusterroles/admin", "get", "apis", "rbac.authorization.k8s.io", "v1", "", "clusterroles", "", "admin")]
    [InlineData("GET", "/api/v1/watch/namespaces/x/pods", "watch", "api", "", "v1", "x", "pods", "", "")]
    [InlineData("GET", "/api/v1/watch/namespaces/x/pods/web-0", "watch", "api", "", "v1", "x", "pods", "", "web-0")]
    [InlineData("GET", "/api/v1/watch/pods", "watch", "api", "", "v1", "", "pods", "", "")]
    [InlineData("GET", "/apis/apps/v1/watch/namespaces/x/deployments", "watch", "apis", "apps", "v1", "x", "deployments", "", "")]
    [InlineData("GET", "/api/v1/proxy/namespaces/x/services/web/path/to", "proxy", "api", "", "v1", "x", "services", "", "web")]
    [InlineData("GET", "/api/v1/proxy/nodes/node-1", "proxy", "api", "", "v1", "", "nodes", "", "node-1")]
    [InlineData("OPTIONS", "/api/v1/namespaces/x/pods", "", "api", "", "v1", "x", "pods", "", "")]
    [InlineData("GET", "/api/v1/namespaces/x/pods/", "list", "api", "", "v1", "x", "pods", "", "")]
    [InlineData("GET", "/api/v1/namespaces/x/pods?fieldSelector=metadata.name%3Dweb-0", "list", "api", "", "v1", "x", "pods", "", "web-0")]
    [InlineData("GET", "/api/v1/namespaces/x/pods?fieldSelector=metadata.name%3D%3Dweb-0,status.phase%3DRunning&watch=1", "watch", "api", "", "v1", "x", "pods", "", "web-0")]
    [InlineData("GET", "/api/v1/namespaces/x/pods?fieldSelector=metadata.name!%3Dweb-0", "list", "api", "", "v1", "x", "pods", "", "")]
    [InlineData("DELETE", "/api/v1/namespaces/x/pods?fieldSelector=metadata.name%3Dweb-0", "deletecollection", "api", "", "v1", "x", "pods", "", "")]
    [InlineData("GET", "/api/v1/namespaces/x/configmaps/a%20b", "get", "api", "", "v1", "x", "configmaps", "", "a b")]
    [InlineData("GET", "/api/v1/namespaces/x/Pods", "list", "api", "", "v1", "x", "Pods", "", "")]
    public void Resource_requests_are_read_like_the_api_server(
        string method, string path, string verb, string prefix, string group, string version, string ns, string resource, string subresource, string name)
    {
        var info = KubernetesRequestInfo.Parse(method, path);
        Assert.Null(info.Error);
        Assert.True(info.IsResourceRequest);
        Assert.Equal(
            (verb, prefix, group, version, ns, resource, subresource, name),
            (info.Verb, info.ApiPrefix, info.ApiGroup, info.ApiVersion, info.Namespace, info.Resource, info.Subresource, info.Name));
    }

    [Theory]
    [InlineData("GET", "/healthz", "get")]
    [InlineData("GET", "/readyz?verbose", "get")]
    [InlineData("GET", "/version", "get")]
    [InlineData("GET", "/openapi/v2", "get")]
    [InlineData("GET", "/openapi/v3/apis/apps/v1", "get")]
    [InlineData("GET", "/", "get")]
    [InlineData("GET", "/api", "get")]
    [InlineData("GET", "/api/v1", "get")]
    [InlineData("GET", "/apis", "get")]
    [InlineData("GET", "/apis/apps", "get")]
    [InlineData("GET", "/apis/apps/v1", "get")]
    [InlineData("POST", "/logs/x", "post")]
    [InlineData("GET", "/API/v1/namespaces/x/pods", "get")]
    public void Non_resource_requests_carry_the_lower_cased_method(string method, string path, string verb)
    {
        var info = KubernetesRequestInfo.Parse(method, path);
        Assert.Null(info.Error);
        Assert.False(info.IsResourceRequest);
        Assert.Equal(verb, info.Verb);
        Assert.Equal("", info.Resource);
    }

    [Fact]
    public void Parts_start_at_the_resource_and_selectors_are_kept_for_collection_verbs()
    {
        var exec = KubernetesRequestInfo.Parse("POST", "/api/v1/namespaces/x/pods/web-0/exec");
        Assert.Equal(["pods", "web-0", "exec"], exec.Parts);
        Assert.Equal("/api/v1/namespaces/x/pods/web-0/exec", exec.Path);

        var list = KubernetesRequestInfo.Parse("GET", "/api/v1/namespaces/x/pods?labelSelector=app%3Dweb&fieldSelector=status.phase%3DRunning");
        Assert.Equal("app=web", list.LabelSelector);
        Assert.Equal("status.phase=Running", list.FieldSelector);

        var legacyWatch = KubernetesRequestInfo.Parse("GET", "/api/v1/watch/pods?labelSelector=app%3Dweb");
        Assert.Equal("", legacyWatch.LabelSelector);
    }

    [Theory]
    [InlineData("GET", "/api/v1/namespaces/x/secrets%2Fdb", "slash")]
    [InlineData("GET", "/api/v1/namespaces/x/secrets%2fdb", "slash")]
    [InlineData("GET", "/api/v1/namespaces/x%5Cy/pods", "slash or backslash")]
    [InlineData("GET", "/api/v1/namespaces/x/pods/..", "'..'")]
    [InlineData("GET", "/api/v1/namespaces/x/pods/%2e%2e/secrets", "'..'")]
    [InlineData("GET", "/api/v1/namespaces/x/./secrets", "'.'")]
    [InlineData("GET", "/api/v1/namespaces//secrets", "empty segment")]
    [InlineData("GET", "//api/v1/secrets", "empty segment")]
    [InlineData("GET", "/api/v1/namespaces/x/pods/%zz", "invalid percent-encoding")]
    [InlineData("GET", "/api/v1/namespaces/x/pods/%", "invalid percent-encoding")]
    [InlineData("GET", "/api/v1/namespaces/x/pods/%00", "control character")]
    [InlineData("GET", "/api/v1/namespaces/x/pods/%ff", "invalid percent-encoding")]
    [InlineData("GET", "/api/v1/namespaces/x/pods?watch=%zz", "malformed")]
    [InlineData("GET", "/api/v1/namespaces/x/pods?a;b=1", "malformed")]
    [InlineData("GET", "/api/v1/namespaces/x/pods#frag", "fragment")]
    [InlineData("GET", "api/v1/pods", "does not start with '/'")]
    [InlineData("GET", "/api/v1/watch", "no resource")]
    [InlineData("GET", "/api/v1/proxy", "no resource")]
    [InlineData("", "/api/v1/pods", "not an HTTP method")]
    [InlineData("G ET", "/api/v1/pods", "not an HTTP method")]
    public void Paths_that_could_be_read_two_ways_are_refused(string method, string path, string reason)
    {
        var info = KubernetesRequestInfo.Parse(method, path);
        Assert.NotNull(info.Error);
        Assert.Contains(reason, info.Error, StringComparison.Ordinal);
        Assert.False(info.IsResourceRequest);
    }

    [Fact]
    public void The_first_watch_parameter_counts()
    {
        Assert.Equal("list", KubernetesRequestInfo.Parse("GET", "/api/v1/pods?watch=false&watch=true").Verb);
        Assert.Equal("watch", KubernetesRequestInfo.Parse("GET", "/api/v1/pods?watch=true&watch=false").Verb);
        Assert.Equal("list", KubernetesRequestInfo.Parse("GET", "/api/v1/pods?Watch=true").Verb);
    }

    [Fact]
    public void Over_long_targets_are_refused()
    {
        var info = KubernetesRequestInfo.Parse("GET", "/api/v1/pods/" + new string('a', KubernetesRequestInfo.MaxLength));
        Assert.NotNull(info.Error);
    }

    [Fact]
    public void Random_input_never_throws()
    {
        var random = new Random(7);
        const string alphabet = "/apis%2Fv1?&=;#.\\namespacesxpodwtch0129AFzf+ \u00e9\u0001";
        for (var n = 0; n < 5000; n++)
        {
            var chars = new char[random.Next(0, 80)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[random.Next(alphabet.Length)];
            }

            var info = KubernetesRequestInfo.Parse(n % 2 == 0 ? "GET" : "DELETE", "/" + new string(chars));
            Assert.True(info.Error is not null || info.Path.StartsWith('/'));
        }
    }
}
