package conformance

// The backup actions through Velero's own plugin client against the real API server: every fixture
// object as the API server stores it (what Velero's backup passes to actions), with the exact
// additional-item identifiers derived here from the cluster's own facts (the live controller
// Deployment's cluster resource namespace, the RBAC bound to the live ServiceAccounts, the webhook
// configurations installed), each of which must exist in the cluster.

import (
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"testing"

	velerov1 "github.com/vmware-tanzu/velero/pkg/apis/velero/v1"
	"github.com/vmware-tanzu/velero/pkg/plugin/velero"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"

	"velero-plugin-for-cert-manager/test/conformance/velerohost"
)

var certManagerDeployments = []string{"cert-manager", "cert-manager-webhook", "cert-manager-cainjector"}

func newBackup(name string) *velerov1.Backup {
	b := &velerov1.Backup{ObjectMeta: metaName("velero", name)}
	b.UID = operationUID("backup")
	return b
}

func clusterBackupExecute(t *testing.T, host *velerohost.Host, action string, item *unstructured.Unstructured, backup *velerov1.Backup) (runtime.Unstructured, []velero.ResourceIdentifier) {
	t.Helper()
	bia, err := host.BackupAction(cmPrefix + action)
	if err != nil {
		t.Fatal(err)
	}
	out, additional, _, _, err := bia.Execute(item.DeepCopy(), backup)
	if err != nil {
		t.Fatalf("%s on %s %s/%s: %v", action, item.GetKind(), item.GetNamespace(), item.GetName(), err)
	}
	return out, additional
}

// clusterResourceNamespace is cert-manager's --cluster-resource-namespace as the live controller runs
// it, else the namespace it runs in (how the Helm chart sets it).
func clusterResourceNamespace(t *testing.T, c *cluster) string {
	controller := c.get(t, "Deployment", "cert-manager", "cert-manager")
	containers, _, _ := unstructured.NestedSlice(controller.Object, "spec", "template", "spec", "containers")
	for _, container := range containers {
		args, _, _ := unstructured.NestedStringSlice(container.(map[string]interface{}), "args")
		for _, arg := range args {
			if value, ok := strings.CutPrefix(arg, "--cluster-resource-namespace="); ok {
				if strings.Contains(value, "$(") {
					return controller.GetNamespace() // the chart's $(POD_NAMESPACE)
				}
				return value
			}
		}
	}
	return controller.GetNamespace()
}

// issuerReferences walks an issuer's spec for every Secret and ServiceAccount it names, by the field
// naming conventions of cert-manager's API (…SecretRef, secretRef, credentialsRef, ca.secretName /
// clientCertificate.secretName, serviceAccountRef). Independent of the plugin's per-type tables.
func issuerReferences(node interface{}, parentKey string, into map[string]bool, namespace string) {
	switch v := node.(type) {
	case map[string]interface{}:
		for key, child := range v {
			ref, _ := child.(map[string]interface{})
			name, _ := ref["name"].(string)
			switch {
			case key == "serviceAccountRef" && name != "":
				into[id("", "serviceaccounts", namespace, name)] = true
			case (strings.HasSuffix(key, "SecretRef") || key == "secretRef" || key == "credentialsRef") && name != "":
				into[id("", "secrets", namespace, name)] = true
			case key == "secretName" && (parentKey == "ca" || parentKey == "clientCertificate"):
				if s, ok := child.(string); ok {
					into[id("", "secrets", namespace, s)] = true
				}
			}
			if _, isMap := child.(map[string]interface{}); isMap || key == "solvers" {
				issuerReferences(child, key, into, namespace)
			}
		}
	case []interface{}:
		for _, item := range v {
			issuerReferences(item, parentKey, into, namespace)
		}
	}
}

// liveRBAC is what a cert-manager Deployment depends on by the cluster's own facts: its ServiceAccount,
// every RoleBinding and ClusterRoleBinding with that ServiceAccount as a subject and the roles they
// refer to, plus the webhook configurations whose webhooks call a Service in cert-manager's namespace.
func liveRBAC(t *testing.T, c *cluster, deployment *unstructured.Unstructured) []string {
	ns := deployment.GetNamespace()
	sa, _, _ := unstructured.NestedString(deployment.Object, "spec", "template", "spec", "serviceAccountName")
	want := map[string]bool{id("", "serviceaccounts", ns, sa): true}
	bound := func(binding unstructured.Unstructured) bool {
		subjects, _, _ := unstructured.NestedSlice(binding.Object, "subjects")
		for _, s := range subjects {
			m := s.(map[string]interface{})
			if m["kind"] == "ServiceAccount" && m["name"] == sa && m["namespace"] == ns {
				return true
			}
		}
		return false
	}
	for _, kind := range []string{"RoleBinding", "ClusterRoleBinding"} {
		for _, binding := range c.list(t, kind, "") {
			if !bound(binding) {
				continue
			}
			refKind, _, _ := unstructured.NestedString(binding.Object, "roleRef", "kind")
			refName, _, _ := unstructured.NestedString(binding.Object, "roleRef", "name")
			if kind == "RoleBinding" {
				want[id("rbac.authorization.k8s.io", "rolebindings", binding.GetNamespace(), binding.GetName())] = true
			} else {
				want[id("rbac.authorization.k8s.io", "clusterrolebindings", "", binding.GetName())] = true
			}
			if refKind == "Role" {
				want[id("rbac.authorization.k8s.io", "roles", binding.GetNamespace(), refName)] = true
			} else {
				want[id("rbac.authorization.k8s.io", "clusterroles", "", refName)] = true
			}
		}
	}
	for kind, resource := range map[string]string{"ValidatingWebhookConfiguration": "validatingwebhookconfigurations", "MutatingWebhookConfiguration": "mutatingwebhookconfigurations"} {
		for _, config := range c.list(t, kind, "") {
			webhooks, _, _ := unstructured.NestedSlice(config.Object, "webhooks")
			for _, w := range webhooks {
				if svcNS, _, _ := unstructured.NestedString(w.(map[string]interface{}), "clientConfig", "service", "namespace"); svcNS == ns {
					want[id("admissionregistration.k8s.io", resource, "", config.GetName())] = true
				}
			}
		}
	}
	out := make([]string, 0, len(want))
	for k := range want {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func expectExact(t *testing.T, what string, got []velero.ResourceIdentifier, want []string) {
	t.Helper()
	if g, w := sortedCopy(idStrings(got)), sortedCopy(want); !reflect.DeepEqual(g, w) {
		t.Errorf("%s: additional items\n got %v\nwant %v", what, g, w)
	}
}

func TestClusterBackupActionsOnEveryFixture(t *testing.T) {
	c := connect(t)
	c.veleroNamespace(t, nil)
	host := velerohost.Start(t, velerohost.Options{})
	crNamespace := clusterResourceNamespace(t, c)

	t.Run("every cert-manager object brings the six CRDs, forced in", func(t *testing.T) {
		for _, kind := range []string{"Certificate", "CertificateRequest", "Issuer", "ClusterIssuer", "Order", "Challenge"} {
			for _, obj := range c.fixturesOf(t, kind) {
				out, additional := clusterBackupExecute(t, host, "backup-crds", obj, newBackup("b"))
				expectExact(t, kind+" "+obj.GetName(), additional, crdIDs)
				if annotationsOf(out)[mustIncludeKey] != "true" {
					t.Errorf("%s %s: CRDs without must-include", kind, obj.GetName())
				}
			}
		}
		_, additional := clusterBackupExecute(t, host, "backup-crds", c.fixturesOf(t, "Issuer")[0], newBackup("b"))
		if absent := c.missing(t, additional); len(absent) > 0 {
			t.Errorf("CRDs the cluster lacks: %v", absent)
		}
	})
	t.Run("ephemeral kinds are marked to skip", func(t *testing.T) {
		for _, kind := range []string{"CertificateRequest", "Order", "Challenge"} {
			for _, obj := range c.fixturesOf(t, kind) {
				out, additional := clusterBackupExecute(t, host, "backup-skip-ephemeral", obj, newBackup("b"))
				if annotationsOf(out)[skipFromBackupKey] == nil || annotationsOf(out)[cmPrefix+"ephemeral"] != "true" {
					t.Errorf("%s %s not marked: %v", kind, obj.GetName(), annotationsOf(out))
				}
				expectExact(t, kind+" "+obj.GetName(), additional, nil)
			}
		}
	})
	t.Run("Certificates: shims skipped, the others bring their Secrets and issuer", func(t *testing.T) {
		for _, cert := range c.fixturesOf(t, "Certificate") {
			backup := newBackup("b")
			out, _ := clusterBackupExecute(t, host, "backup-skip-shim-certificates", cert, backup)
			_, marked := annotationsOf(out)[skipFromBackupKey]
			if marked != isShim(cert) {
				t.Errorf("Certificate %s: marked to skip %v, shim-owned %v", cert.GetName(), marked, isShim(cert))
			}
			if isShim(cert) {
				continue
			}
			want := certificateDependencyIDs(cert)
			_, secrets := clusterBackupExecute(t, host, "backup-certificate-secrets", cert, backup)
			_, issuer := clusterBackupExecute(t, host, "backup-certificate-issuer", cert, backup)
			expectExact(t, "Certificate "+cert.GetName(), append(secrets, issuer...), want)
			if absent := withoutFirstIssuance(c.missing(t, append(secrets, issuer...)), cert); len(absent) > 0 {
				t.Errorf("Certificate %s names objects the cluster lacks: %v", cert.GetName(), absent)
			}
		}
	})
	t.Run("issuers of every type bring every Secret they reference, ClusterIssuers' from the live cluster resource namespace", func(t *testing.T) {
		for _, kind := range []string{"Issuer", "ClusterIssuer"} {
			for _, issuer := range c.fixturesOf(t, kind) {
				namespace := issuer.GetNamespace()
				if kind == "ClusterIssuer" {
					namespace = crNamespace
				}
				refs := map[string]bool{}
				issuerReferences(issuer.Object["spec"], "spec", refs, namespace)
				var want []string
				for r := range refs {
					// DNS01 webhook solvers are opaque to the plugin (README): it warns instead.
					if !strings.Contains(r, "webhook-solver") {
						want = append(want, r)
					}
				}
				out, additional := clusterBackupExecute(t, host, "backup-issuer-secrets", issuer, newBackup("b"))
				expectExact(t, kind+" "+issuer.GetName(), additional, want)
				if absent := withoutUnregisteredAccountKey(c.missing(t, additional), issuer, namespace); len(absent) > 0 {
					t.Errorf("%s %s names objects the cluster lacks: %v", kind, issuer.GetName(), absent)
				}
				if kind == "ClusterIssuer" && annotationsOf(out)[clusterResourceNSKey] != crNamespace {
					t.Errorf("ClusterIssuer %s: %s = %v, want %s (the live controller's)", issuer.GetName(), clusterResourceNSKey, annotationsOf(out)[clusterResourceNSKey], crNamespace)
				}
			}
		}
	})
	t.Run("cert-manager Deployments bring the RBAC of their live ServiceAccounts and the webhook configurations", func(t *testing.T) {
		for _, name := range certManagerDeployments {
			live := c.get(t, "Deployment", "cert-manager", name)
			want := liveRBAC(t, c, live)
			out, additional := clusterBackupExecute(t, host, "backup-rbac-and-webhooks", live, newBackup("b"))
			expectExact(t, name, additional, want)
			if absent := c.missing(t, additional); len(absent) > 0 {
				t.Errorf("%s names objects the cluster lacks: %v", name, absent)
			}
			annotations := annotationsOf(out)
			if annotations[mustIncludeKey] != "true" {
				t.Errorf("%s: RBAC without must-include", name)
			}
			var recorded []struct{ Group, Resource, Namespace, Name string }
			text, _ := annotations[dependsOnKey].(string)
			if err := json.Unmarshal([]byte(text), &recorded); err != nil {
				t.Fatalf("%s: %s is not JSON: %v", name, dependsOnKey, err)
			}
			got := make([]string, 0, len(recorded))
			for _, r := range recorded {
				got = append(got, id(r.Group, r.Resource, r.Namespace, r.Name))
			}
			if !reflect.DeepEqual(sortedCopy(got), want) {
				t.Errorf("%s: %s records %v, want %v", name, dependsOnKey, got, want)
			}
		}
	})
}

// withoutFirstIssuance drops a Certificate's own Secret from the missing list: under first issuance
// (fixture "acme") it does not exist yet, and naming it is still right (Velero skips an absent item).
func withoutFirstIssuance(missing []string, cert *unstructured.Unstructured) []string {
	secret, _, _ := unstructured.NestedString(cert.Object, "spec", "secretName")
	var out []string
	for _, m := range missing {
		if m != id("", "secrets", cert.GetNamespace(), secret) {
			out = append(out, m)
		}
	}
	return out
}

// withoutUnregisteredAccountKey drops an ACME issuer's account key Secret from the missing list while
// the issuer has never registered (no status.acme): cert-manager writes that Secret on registration.
func withoutUnregisteredAccountKey(missing []string, issuer *unstructured.Unstructured, namespace string) []string {
	key, _, _ := unstructured.NestedString(issuer.Object, "spec", "acme", "privateKeySecretRef", "name")
	_, registered, _ := unstructured.NestedMap(issuer.Object, "status", "acme")
	var out []string
	for _, m := range missing {
		if registered || key == "" || m != id("", "secrets", namespace, key) {
			out = append(out, m)
		}
	}
	return out
}
