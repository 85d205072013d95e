namespace Hoop.Testing.Kubernetes;

/// <summary>The RBAC of a real installation, for the tests users (<see cref="TestUsers"/>) in namespace payments.</summary>
public static class TestRbac
{
    /// <summary>
    /// An approver role bound to dba-leads; alice, dba-leads and two gateways' ServiceAccounts may create requests;
    /// every authenticated user may patch
    /// status, so only the webhook stands in the way.
    /// </summary>
    public const string Yaml = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: hoop-approver}
        rules:
        - apiGroups: [hoop.dev]
          resources: [approvalpolicies]
          verbs: [approve]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: dba-leads-approve, namespace: payments}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: hoop-approver}
        subjects:
        - {apiGroup: rbac.authorization.k8s.io, kind: Group, name: dba-leads}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: hoop-requester}
        rules:
        - apiGroups: [hoop.dev]
          resources: [accessrequests]
          verbs: [create, get, list, watch]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: requesters, namespace: payments}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: hoop-requester}
        subjects:
        - {apiGroup: rbac.authorization.k8s.io, kind: User, name: alice}
        - {apiGroup: rbac.authorization.k8s.io, kind: Group, name: dba-leads}
        - {kind: ServiceAccount, name: orders-db-gateway, namespace: payments}
        - {kind: ServiceAccount, name: billing-db-gateway, namespace: payments}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: orders-db-gateway, namespace: payments}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: billing-db-gateway, namespace: payments}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: hoop-reviewer}
        rules:
        - apiGroups: [hoop.dev]
          resources: [accessrequests]
          verbs: [get, list, watch]
        - apiGroups: [hoop.dev]
          resources: [accessrequests/status]
          verbs: [get, patch, update]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: everyone-reviews}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: hoop-reviewer}
        subjects:
        - {apiGroup: rbac.authorization.k8s.io, kind: Group, name: system:authenticated}
        """;
}
