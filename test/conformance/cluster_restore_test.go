package conformance

// The restore actions through Velero's own plugin client against the real API server: restore items
// are the live fixture objects as Velero hands them over (owner references and status stripped, the
// backed-up copy as itemFromBackup), from backups taken with the plugin (our annotations present) and
// without it; and the webhook-readiness wait polled the way Velero's restore polls it, released by the
// webhook Service's EndpointSlice turning ready, or ended by the configured timeout.

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/sirupsen/logrus"
	velerov1 "github.com/vmware-tanzu/velero/pkg/apis/velero/v1"
	"github.com/vmware-tanzu/velero/pkg/plugin/velero"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"velero-plugin-for-cert-manager/test/conformance/velerohost"
)

func newRestore(name string) *velerov1.Restore {
	r := &velerov1.Restore{ObjectMeta: metaName("velero", name)}
	r.UID = operationUID("restore")
	return r
}

func clusterRestoreExecute(t *testing.T, host *velerohost.Host, action string, item, fromBackup *unstructured.Unstructured, restore *velerov1.Restore) *velero.RestoreItemActionExecuteOutput {
	t.Helper()
	ria, err := host.RestoreAction(cmPrefix + action)
	if err != nil {
		t.Fatal(err)
	}
	out, err := ria.Execute(&velero.RestoreItemActionExecuteInput{Item: item, ItemFromBackup: fromBackup, Restore: restore})
	if err != nil {
		t.Fatalf("%s on %s %s/%s: %v", action, item.GetKind(), item.GetNamespace(), item.GetName(), err)
	}
	return out
}

// certificateDependencyIDs is what a Certificate needs restored before it (README, restore-certificate-dependencies).
func certificateDependencyIDs(cert *unstructured.Unstructured) []string {
	ns := cert.GetNamespace()
	secret, _, _ := unstructured.NestedString(cert.Object, "spec", "secretName")
	want := []string{id("", "secrets", ns, secret)}
	for _, store := range []string{"jks", "pkcs12"} {
		if name, found, _ := unstructured.NestedString(cert.Object, "spec", "keystores", store, "passwordSecretRef", "name"); found {
			want = append(want, id("", "secrets", ns, name))
		}
	}
	issuer, _, _ := unstructured.NestedString(cert.Object, "spec", "issuerRef", "name")
	kind, _, _ := unstructured.NestedString(cert.Object, "spec", "issuerRef", "kind")
	if kind == "ClusterIssuer" {
		want = append(want, id("cert-manager.io", "clusterissuers", "", issuer))
	} else {
		want = append(want, id("cert-manager.io", "issuers", ns, issuer))
	}
	return dedupe(want)
}

func dedupe(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func isShim(obj *unstructured.Unstructured) bool {
	for _, ref := range obj.GetOwnerReferences() {
		if ref.Controller != nil && *ref.Controller && (ref.Kind == "Ingress" || ref.Kind == "Gateway" || ref.Kind == "ListenerSet") {
			return true
		}
	}
	return false
}

func TestClusterRestoreActionsOnEveryFixture(t *testing.T) {
	c := connect(t)
	c.veleroNamespace(t, nil)
	host := velerohost.Start(t, velerohost.Options{})

	t.Run("ephemeral kinds are skipped", func(t *testing.T) {
		for _, kind := range []string{"CertificateRequest", "Order", "Challenge"} {
			for _, obj := range c.fixturesOf(t, kind) {
				out := clusterRestoreExecute(t, host, "restore-skip-ephemeral", asVeleroRestoresIt(obj), obj, newRestore("r"))
				if !out.SkipRestore {
					t.Errorf("%s %s restored", kind, obj.GetName())
				}
			}
		}
	})
	t.Run("Certificates: shims skipped by their backed-up owner, the others bring their dependencies", func(t *testing.T) {
		shims := 0
		for _, cert := range c.fixturesOf(t, "Certificate") {
			restore := newRestore("r")
			skip := clusterRestoreExecute(t, host, "restore-skip-shim-certificates", asVeleroRestoresIt(cert), cert, restore)
			if skip.SkipRestore != isShim(cert) {
				t.Errorf("Certificate %s: skipRestore %v, shim-owned %v", cert.GetName(), skip.SkipRestore, isShim(cert))
			}
			if isShim(cert) {
				shims++
				continue
			}
			out := clusterRestoreExecute(t, host, "restore-certificate-dependencies", asVeleroRestoresIt(cert), cert, restore)
			if got, want := sortedCopy(idStrings(out.AdditionalItems)), sortedCopy(certificateDependencyIDs(cert)); !reflect.DeepEqual(got, want) {
				t.Errorf("Certificate %s: additional items\n got %v\nwant %v", cert.GetName(), got, want)
			}
			if absent := withoutFirstIssuance(c.missing(t, out.AdditionalItems), cert); len(absent) > 0 {
				t.Errorf("Certificate %s names objects the cluster lacks: %v", cert.GetName(), absent)
			}
		}
		if shims < 2 {
			t.Errorf("expected the ingress-shim and gateway-shim fixtures, found %d shim Certificates", shims)
		}
		if _, err := host.Logs.WaitFor("Ingress", 5*time.Second); err != nil {
			t.Error("the skipped ingress-shim Certificate's owner is not named in Velero's log:", err)
		}
	})
	t.Run("issuers: Secrets of backups with and without the plugin", func(t *testing.T) {
		backupHost := host // one host at a time (velerohost serialises them); the same plugin serves both kinds
		backup := newBackup("with-plugin")
		for _, kind := range []string{"Issuer", "ClusterIssuer"} {
			for _, issuer := range c.fixturesOf(t, kind) {
				// Backed up with the plugin: the stored copy carries our annotation (ClusterIssuers).
				stored, backedUp := clusterBackupExecute(t, backupHost, "backup-issuer-secrets", issuer, backup)
				fromBackup := &unstructured.Unstructured{Object: stored.UnstructuredContent()}
				withPlugin := clusterRestoreExecute(t, host, "restore-issuer-secrets", asVeleroRestoresIt(fromBackup), fromBackup, newRestore("r"))
				// Without the plugin: the object as the API server had it, no annotation of ours.
				without := clusterRestoreExecute(t, host, "restore-issuer-secrets", asVeleroRestoresIt(issuer), issuer, newRestore("r"))
				for form, out := range map[string]*velero.RestoreItemActionExecuteOutput{"with the plugin": withPlugin, "without the plugin": without} {
					if got, want := sortedCopy(idStrings(out.AdditionalItems)), sortedCopy(idStrings(backedUp)); !reflect.DeepEqual(got, want) {
						t.Errorf("%s %s, backup %s: restored first\n got %v\nwant %v (what the backup named)", kind, issuer.GetName(), form, got, want)
					}
					if _, kept := annotationsOf(out.UpdatedItem)[clusterResourceNSKey]; kept {
						t.Errorf("%s %s, backup %s: %s not removed", kind, issuer.GetName(), form, clusterResourceNSKey)
					}
				}
			}
		}
	})
	t.Run("Ingress and Gateway with cert-manager annotations bring their TLS Secrets and issuer", func(t *testing.T) {
		for _, kind := range []string{"Ingress", "Gateway"} {
			for _, obj := range c.fixturesOf(t, kind) {
				out := clusterRestoreExecute(t, host, "restore-ingress-secrets", asVeleroRestoresIt(obj), obj, newRestore("r"))
				if len(out.AdditionalItems) == 0 {
					t.Errorf("%s %s: no additional items", kind, obj.GetName())
				}
				for _, i := range out.AdditionalItems {
					if i.Namespace != "" && i.Namespace != obj.GetNamespace() {
						t.Errorf("%s %s: %v outside its namespace", kind, obj.GetName(), i)
					}
				}
				if absent := c.missing(t, out.AdditionalItems); len(absent) > 0 {
					t.Errorf("%s %s names objects the cluster lacks: %v", kind, obj.GetName(), absent)
				}
			}
		}
	})
	t.Run("cert-manager Deployments: RBAC first, from backups with and without the plugin", func(t *testing.T) {
		backupHost := host // one host at a time (velerohost serialises them); the same plugin serves both kinds
		for _, name := range certManagerDeployments {
			live := c.get(t, "Deployment", "cert-manager", name)
			stored, recorded := clusterBackupExecute(t, backupHost, "backup-rbac-and-webhooks", live, newBackup("with-plugin"))
			var wantFirst []string
			for _, s := range idStrings(recorded) {
				if !strings.HasPrefix(s, "admissionregistration.k8s.io/") {
					wantFirst = append(wantFirst, s)
				}
			}
			fromBackup := &unstructured.Unstructured{Object: stored.UnstructuredContent()}
			for form, source := range map[string]*unstructured.Unstructured{"with the plugin": fromBackup, "without the plugin": live} {
				out := clusterRestoreExecute(t, host, "restore-rbac-first", asVeleroRestoresIt(source), source, newRestore("r"))
				if got := sortedCopy(idStrings(out.AdditionalItems)); !reflect.DeepEqual(got, sortedCopy(wantFirst)) {
					t.Errorf("%s, backup %s: restored first\n got %v\nwant %v (the live RBAC without webhook configurations)", name, form, got, sortedCopy(wantFirst))
				}
				if _, kept := annotationsOf(out.UpdatedItem)[dependsOnKey]; kept {
					t.Errorf("%s, backup %s: %s not removed", name, form, dependsOnKey)
				}
			}
		}
	})
}

// webhookSlice creates the webhook Service's EndpointSlice, not ready. The address is a documentation
// address (TEST-NET-1): the API server rejects loopback endpoints, and nothing is ever sent to it.
func webhookSlice(t *testing.T, c *cluster) (name string, makeReady func()) {
	t.Helper()
	name = unique("cert-manager-webhook-cc")
	slices := c.resource(t, "EndpointSlice", "cert-manager")
	slice := func(ready bool) map[string]interface{} {
		return map[string]interface{}{
			"metadata":    map[string]interface{}{"name": name, "labels": map[string]interface{}{"kubernetes.io/service-name": "cert-manager-webhook"}},
			"addressType": "IPv4",
			"ports":       []interface{}{map[string]interface{}{"port": int64(10250), "protocol": "TCP"}},
			"endpoints":   []interface{}{map[string]interface{}{"addresses": []interface{}{"192.0.2.10"}, "conditions": map[string]interface{}{"ready": ready}}},
		}
	}
	c.create(t, "EndpointSlice", "cert-manager", slice(false))
	t.Cleanup(func() { _ = slices.Delete(context.Background(), name, metav1.DeleteOptions{}) })
	return name, func() {
		current, err := slices.Get(context.Background(), name, metav1.GetOptions{})
		if err != nil {
			t.Error(err)
			return
		}
		next := &unstructured.Unstructured{Object: slice(true)}
		next.SetAPIVersion("discovery.k8s.io/v1")
		next.SetKind("EndpointSlice")
		next.SetResourceVersion(current.GetResourceVersion())
		if _, err := slices.Update(context.Background(), next, metav1.UpdateOptions{}); err != nil {
			t.Error(err)
		}
	}
}

type waitResult struct {
	execute *velero.RestoreItemActionExecuteOutput
	polls   int
	elapsed time.Duration
	again   *velero.RestoreItemActionExecuteOutput
}

// restoreWithWait runs restore-webhook-readiness on a live fixture Certificate and then, as Velero's
// restore does when an action asks to wait, polls AreAdditionalItemsReady once a second until true or
// Velero's deadline (the action's AdditionalItemsReadyTimeout). during runs after the first unready poll.
func restoreWithWait(t *testing.T, c *cluster, host *velerohost.Host, during func()) waitResult {
	t.Helper()
	cert := c.fixturesOf(t, "Certificate")[0]
	ria, err := host.RestoreAction(cmPrefix + "restore-webhook-readiness")
	if err != nil {
		t.Fatal(err)
	}
	restore := newRestore("webhook-wait")
	started := time.Now()
	out := clusterRestoreExecute(t, host, "restore-webhook-readiness", asVeleroRestoresIt(cert), cert, restore)
	result := waitResult{execute: out}
	if out.WaitForAdditionalItems {
		deadline := started.Add(out.AdditionalItemsReadyTimeout)
		if out.AdditionalItemsReadyTimeout == 0 || out.AdditionalItemsReadyTimeout > time.Minute {
			t.Fatalf("AdditionalItemsReadyTimeout %s: want the configured wait plus a margin", out.AdditionalItemsReadyTimeout)
		}
		for {
			ready, err := ria.AreAdditionalItemsReady(out.AdditionalItems, restore)
			if err != nil {
				t.Fatal(err)
			}
			if ready {
				break
			}
			result.polls++
			if result.polls == 1 && during != nil {
				during()
			}
			if time.Now().After(deadline) {
				t.Fatalf("Velero would have given up after %s: the action never reported ready", out.AdditionalItemsReadyTimeout)
			}
			time.Sleep(time.Second)
		}
	}
	result.elapsed = time.Since(started)
	result.again = clusterRestoreExecute(t, host, "restore-webhook-readiness", asVeleroRestoresIt(cert), cert, restore)
	return result
}

func TestClusterRestoreWebhookWaitReleasedByReadyEndpointSlice(t *testing.T) {
	c := connect(t)
	c.veleroNamespace(t, map[string]string{"webhookWaitTimeout": "30s"})
	host := velerohost.Start(t, velerohost.Options{})
	_, makeReady := webhookSlice(t, c)
	flipped := time.Time{}
	result := restoreWithWait(t, c, host, func() { flipped = time.Now(); makeReady() })

	if !result.execute.WaitForAdditionalItems {
		t.Fatal("the restore did not wait although the live webhook Service has no ready endpoint")
	}
	if result.polls < 1 || flipped.IsZero() {
		t.Fatalf("no unready poll before the EndpointSlice turned ready (%d polls)", result.polls)
	}
	if result.elapsed > 15*time.Second {
		t.Errorf("released %s after the start, long after the EndpointSlice turned ready", result.elapsed)
	}
	if _, err := host.Logs.WaitFor("waiting up to 30s", 5*time.Second); err != nil {
		t.Error("start of the wait not logged:", err)
	}
	if _, err := host.Logs.WaitFor("cert-manager webhook is ready after", 5*time.Second); err != nil {
		t.Error("end of the wait on readiness not logged:", err)
	}
	for _, e := range host.Logs.Entries() {
		if e.Level <= logrus.WarnLevel && strings.Contains(e.Message, "webhook") {
			t.Errorf("unexpected %v: %s", e.Level, e.Message)
		}
	}
	if result.again.WaitForAdditionalItems {
		t.Error("a later item of the same restore waits again")
	}
}

func TestClusterRestoreWebhookWaitEndsOnConfiguredTimeout(t *testing.T) {
	c := connect(t)
	c.veleroNamespace(t, map[string]string{"webhookWaitTimeout": "3s"})
	host := velerohost.Start(t, velerohost.Options{})
	webhookSlice(t, c) // present but never ready
	result := restoreWithWait(t, c, host, nil)

	if !result.execute.WaitForAdditionalItems {
		t.Fatal("the restore did not wait although the live webhook Service has no ready endpoint")
	}
	if result.elapsed < 3*time.Second || result.elapsed > 15*time.Second {
		t.Errorf("the wait ended after %s, want the configured 3s (plus poll steps)", result.elapsed)
	}
	if _, err := host.Logs.WaitFor("waiting up to 3s", 5*time.Second); err != nil {
		t.Error("start of the wait not logged:", err)
	}
	entries, err := host.Logs.WaitFor("still has no ready endpoint", 5*time.Second)
	if err != nil {
		t.Fatal("timeout warning not in Velero's log:", err)
	}
	if entries[0].Level != logrus.WarnLevel {
		t.Errorf("timeout logged at %v, want warning", entries[0].Level)
	}
	if _, err := host.Logs.WaitFor("cert-manager webhook is ready after", 0); err == nil {
		t.Error("readiness reported although the EndpointSlice never turned ready")
	}
	if result.again.WaitForAdditionalItems {
		t.Error("a later item of the same restore waits again after the timeout")
	}
}
