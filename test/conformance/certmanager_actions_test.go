package conformance

// The cert-manager backup and restore actions through Velero's own plugin client: exact additional-item
// identifiers (canonical group, plural resource, backup namespace), the annotations Velero acts on, and
// their log lines at the right level. The plugin process runs without cluster access here, so the
// actions take their documented fallbacks (Helm chart names, cert-manager namespace); the same
// decisions against a live API server are covered by the unit tests with an in-memory ClusterLookups.

import (
	"encoding/json"
	"reflect"
	"sort"
	"testing"
	"time"

	"github.com/sirupsen/logrus"
	velerov1 "github.com/vmware-tanzu/velero/pkg/apis/velero/v1"
	"github.com/vmware-tanzu/velero/pkg/plugin/velero"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"

	"velero-plugin-for-cert-manager/test/conformance/velerohost"
)

const (
	cmPrefix             = "velero-plugin-for-cert-manager.dev/"
	mustIncludeKey       = "backup.velero.io/must-include-additional-items"
	skipFromBackupKey    = "velero.io/skip-from-backup"
	dependsOnKey         = cmPrefix + "depends-on"
	clusterResourceNSKey = cmPrefix + "cluster-resource-namespace"
)

const (
	certificateJSON = `{"apiVersion":"cert-manager.io/v1","kind":"Certificate","metadata":{"name":"web","namespace":"apps"},
	  "spec":{"secretName":"web-tls","dnsNames":["web.example.com"],"issuerRef":{"name":"letsencrypt","kind":"ClusterIssuer"},
	  "keystores":{"pkcs12":{"create":true,"passwordSecretRef":{"name":"p12-password","key":"password"}}}}}`
	shimCertificateJSON = `{"apiVersion":"cert-manager.io/v1","kind":"Certificate","metadata":{"name":"shop-tls","namespace":"apps",
	  "ownerReferences":[{"apiVersion":"networking.k8s.io/v1","kind":"Ingress","name":"shop","uid":"0b7c","controller":true,"blockOwnerDeletion":true}]},
	  "spec":{"secretName":"shop-tls","issuerRef":{"name":"letsencrypt","kind":"ClusterIssuer"}}}`
	clusterIssuerJSON = `{"apiVersion":"cert-manager.io/v1","kind":"ClusterIssuer","metadata":{"name":"letsencrypt"},
	  "spec":{"acme":{"server":"https://acme.example/directory","privateKeySecretRef":{"name":"letsencrypt-account"},
	  "externalAccountBinding":{"keyID":"k","keySecretRef":{"name":"eab","key":"secret"}},
	  "solvers":[{"dns01":{"cloudflare":{"apiTokenSecretRef":{"name":"cloudflare-token","key":"api-token"}}}},
	             {"dns01":{"route53":{"region":"eu-west-1","auth":{"kubernetes":{"serviceAccountRef":{"name":"route53-sa"}}}}}}]}}}`
	webhookDeploymentJSON = `{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"cert-manager-webhook","namespace":"cert-manager",
	  "labels":{"app.kubernetes.io/name":"webhook","app.kubernetes.io/instance":"cert-manager","app.kubernetes.io/component":"webhook","helm.sh/chart":"cert-manager-v1.21.2"}},
	  "spec":{"template":{"metadata":{"labels":{"app.kubernetes.io/component":"webhook"}},
	  "spec":{"serviceAccountName":"cert-manager-webhook","containers":[{"name":"cert-manager-webhook","image":"quay.io/jetstack/cert-manager-webhook:v1.21.2"}]}}}}`
)

func id(group, resource, namespace, name string) string {
	return group + "/" + resource + "/" + namespace + "/" + name
}

func idStrings(ids []velero.ResourceIdentifier) []string {
	out := make([]string, 0, len(ids))
	for _, i := range ids {
		out = append(out, id(i.Group, i.Resource, i.Namespace, i.Name))
	}
	return out
}

func sortedCopy(in []string) []string {
	out := append([]string(nil), in...)
	sort.Strings(out)
	return out
}

func expectIDs(t *testing.T, got []velero.ResourceIdentifier, want ...string) {
	t.Helper()
	if g, w := sortedCopy(idStrings(got)), sortedCopy(want); !reflect.DeepEqual(g, w) {
		t.Errorf("additional items\n got %v\nwant %v", g, w)
	}
}

func annotationsOf(obj runtime.Unstructured) map[string]interface{} {
	annotations, _ := obj.UnstructuredContent()["metadata"].(map[string]interface{})["annotations"].(map[string]interface{})
	return annotations
}

func backupExecute(t *testing.T, host *velerohost.Host, action, fixture string, backup *velerov1.Backup) (runtime.Unstructured, []velero.ResourceIdentifier) {
	t.Helper()
	bia, err := host.BackupAction(cmPrefix + action)
	if err != nil {
		t.Fatal(err)
	}
	out, additional, operationID, post, err := bia.Execute(velerohost.MustObject(t, fixture), backup)
	if err != nil {
		t.Fatal(err)
	}
	if operationID != "" || len(post) != 0 {
		t.Errorf("%s: unexpected async operation %q %v", action, operationID, post)
	}
	return out, additional
}

func restoreExecute(t *testing.T, host *velerohost.Host, action string, item, fromBackup *unstructured.Unstructured) *velero.RestoreItemActionExecuteOutput {
	t.Helper()
	ria, err := host.RestoreAction(cmPrefix + action)
	if err != nil {
		t.Fatal(err)
	}
	out, err := ria.Execute(&velero.RestoreItemActionExecuteInput{Item: item, ItemFromBackup: fromBackup, Restore: restoreObject()})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

var crdIDs = []string{
	id("apiextensions.k8s.io", "customresourcedefinitions", "", "certificates.cert-manager.io"),
	id("apiextensions.k8s.io", "customresourcedefinitions", "", "certificaterequests.cert-manager.io"),
	id("apiextensions.k8s.io", "customresourcedefinitions", "", "issuers.cert-manager.io"),
	id("apiextensions.k8s.io", "customresourcedefinitions", "", "clusterissuers.cert-manager.io"),
	id("apiextensions.k8s.io", "customresourcedefinitions", "", "orders.acme.cert-manager.io"),
	id("apiextensions.k8s.io", "customresourcedefinitions", "", "challenges.acme.cert-manager.io"),
}

func TestCertManagerBackupActionsThroughVeleroClient(t *testing.T) {
	host := velerohost.Start(t, velerohost.Options{})
	backup := &velerov1.Backup{ObjectMeta: metaName("velero", "nightly")}
	backup.UID = "b-1"

	t.Run("certificate-secrets", func(t *testing.T) {
		out, additional := backupExecute(t, host, "backup-certificate-secrets", certificateJSON, backup)
		expectIDs(t, additional, id("", "secrets", "apps", "web-tls"), id("", "secrets", "apps", "p12-password"))
		if _, forced := annotationsOf(out)[mustIncludeKey]; forced {
			t.Error("Secrets forced in although forceSecrets is off")
		}
	})
	t.Run("certificate-issuer", func(t *testing.T) {
		_, additional := backupExecute(t, host, "backup-certificate-issuer", certificateJSON, backup)
		expectIDs(t, additional, id("cert-manager.io", "clusterissuers", "", "letsencrypt"))
		_, again := backupExecute(t, host, "backup-certificate-issuer", certificateJSON, backup)
		expectIDs(t, again)
	})
	t.Run("issuer-secrets", func(t *testing.T) {
		out, additional := backupExecute(t, host, "backup-issuer-secrets", clusterIssuerJSON, backup)
		ns := annotationsOf(out)[clusterResourceNSKey]
		if ns != "cert-manager" {
			t.Fatalf("cluster resource namespace recorded as %v, want cert-manager (the fallback without cluster access)", ns)
		}
		expectIDs(t, additional,
			id("", "secrets", "cert-manager", "letsencrypt-account"),
			id("", "secrets", "cert-manager", "eab"),
			id("", "secrets", "cert-manager", "cloudflare-token"),
			id("", "serviceaccounts", "cert-manager", "route53-sa"))
	})
	t.Run("crds", func(t *testing.T) {
		out, additional := backupExecute(t, host, "backup-crds", certificateJSON, backup)
		expectIDs(t, additional, crdIDs...)
		if annotationsOf(out)[mustIncludeKey] != "true" {
			t.Errorf("CRDs returned without %s=true: %v", mustIncludeKey, annotationsOf(out))
		}
	})
	t.Run("rbac-and-webhooks", func(t *testing.T) {
		out, additional := backupExecute(t, host, "backup-rbac-and-webhooks", webhookDeploymentJSON, backup)
		want := []string{
			id("", "serviceaccounts", "cert-manager", "cert-manager-webhook"),
			id("rbac.authorization.k8s.io", "roles", "cert-manager", "cert-manager-webhook:dynamic-serving"),
			id("rbac.authorization.k8s.io", "rolebindings", "cert-manager", "cert-manager-webhook:dynamic-serving"),
			id("rbac.authorization.k8s.io", "clusterroles", "", "cert-manager-webhook:subjectaccessreviews"),
			id("rbac.authorization.k8s.io", "clusterrolebindings", "", "cert-manager-webhook:subjectaccessreviews"),
			id("admissionregistration.k8s.io", "validatingwebhookconfigurations", "", "cert-manager-webhook"),
			id("admissionregistration.k8s.io", "mutatingwebhookconfigurations", "", "cert-manager-webhook"),
		}
		expectIDs(t, additional, want...)
		annotations := annotationsOf(out)
		if annotations[mustIncludeKey] != "true" {
			t.Errorf("RBAC returned without must-include: %v", annotations)
		}
		var recorded []struct{ Group, Resource, Namespace, Name string }
		if err := json.Unmarshal([]byte(annotations[dependsOnKey].(string)), &recorded); err != nil {
			t.Fatalf("%s is not JSON: %v", dependsOnKey, err)
		}
		got := make([]string, 0, len(recorded))
		for _, r := range recorded {
			got = append(got, id(r.Group, r.Resource, r.Namespace, r.Name))
		}
		if !reflect.DeepEqual(sortedCopy(got), sortedCopy(want)) {
			t.Errorf("%s records %v, want %v", dependsOnKey, got, want)
		}
	})
	t.Run("skip-shim-certificates", func(t *testing.T) {
		out, additional := backupExecute(t, host, "backup-skip-shim-certificates", shimCertificateJSON, backup)
		annotations := annotationsOf(out)
		if annotations[skipFromBackupKey] != cmPrefix+"backup-skip-shim-certificates" || annotations[cmPrefix+"skipped"] != "shim-owned: Ingress apps/shop" {
			t.Errorf("shim Certificate not marked: %v", annotations)
		}
		expectIDs(t, additional)
		if _, err := host.Logs.WaitFor("owned by Ingress apps/shop", 5*time.Second); err != nil {
			t.Error(err)
		}
		out, _ = backupExecute(t, host, "backup-skip-shim-certificates", certificateJSON, backup)
		if _, marked := annotationsOf(out)[skipFromBackupKey]; marked {
			t.Error("a user-managed Certificate was marked to skip")
		}
	})
}

func TestSecretsExcludedByTheBackupAreNamedInAWarning(t *testing.T) {
	host := velerohost.Start(t, velerohost.Options{})
	backup := &velerov1.Backup{ObjectMeta: metaName("velero", "no-secrets"), Spec: velerov1.BackupSpec{ExcludedResources: []string{"secrets"}}}
	_, additional := backupExecute(t, host, "backup-certificate-secrets", certificateJSON, backup)
	expectIDs(t, additional, id("", "secrets", "apps", "web-tls"), id("", "secrets", "apps", "p12-password"))
	entries, err := host.Logs.WaitFor("secrets apps/web-tls, referenced by Certificate apps/web", 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if entries[0].Level != logrus.WarnLevel {
		t.Errorf("logged at %v, want warning", entries[0].Level)
	}
}

func TestCertManagerRestoreActionsThroughVeleroClient(t *testing.T) {
	host := velerohost.Start(t, velerohost.Options{})

	t.Run("skip-shim-certificates reads the owner from itemFromBackup", func(t *testing.T) {
		fromBackup := velerohost.MustObject(t, shimCertificateJSON)
		item := fromBackup.DeepCopy()
		item.SetOwnerReferences(nil) // as Velero hands it to restore actions
		out := restoreExecute(t, host, "restore-skip-shim-certificates", item, fromBackup)
		if !out.SkipRestore || out.UpdatedItem == nil {
			t.Errorf("shim Certificate not skipped: %+v", out)
		}
		user := velerohost.MustObject(t, certificateJSON)
		if restoreExecute(t, host, "restore-skip-shim-certificates", user, user.DeepCopy()).SkipRestore {
			t.Error("a user-managed Certificate was skipped")
		}
	})
	t.Run("certificate-dependencies", func(t *testing.T) {
		cert := velerohost.MustObject(t, certificateJSON)
		out := restoreExecute(t, host, "restore-certificate-dependencies", cert, cert.DeepCopy())
		expectIDs(t, out.AdditionalItems,
			id("", "secrets", "apps", "web-tls"),
			id("", "secrets", "apps", "p12-password"),
			id("cert-manager.io", "clusterissuers", "", "letsencrypt"))
	})
	t.Run("issuer-secrets from the recorded namespace, annotation removed", func(t *testing.T) {
		issuer := velerohost.MustObject(t, clusterIssuerJSON)
		issuer.SetAnnotations(map[string]string{clusterResourceNSKey: "pki", "keep": "me"})
		out := restoreExecute(t, host, "restore-issuer-secrets", issuer.DeepCopy(), issuer)
		expectIDs(t, out.AdditionalItems,
			id("", "secrets", "pki", "letsencrypt-account"),
			id("", "secrets", "pki", "eab"),
			id("", "secrets", "pki", "cloudflare-token"),
			id("", "serviceaccounts", "pki", "route53-sa"))
		if got := annotationsOf(out.UpdatedItem); !reflect.DeepEqual(got, map[string]interface{}{"keep": "me"}) {
			t.Errorf("restored annotations %v", got)
		}
	})
	t.Run("rbac-first from the recorded list, without webhook configurations", func(t *testing.T) {
		deployment := velerohost.MustObject(t, webhookDeploymentJSON)
		deployment.SetAnnotations(map[string]string{dependsOnKey: `[{"group":"","resource":"serviceaccounts","namespace":"cert-manager","name":"cert-manager-webhook"},` +
			`{"group":"rbac.authorization.k8s.io","resource":"roles","namespace":"cert-manager","name":"cert-manager-webhook:dynamic-serving"},` +
			`{"group":"admissionregistration.k8s.io","resource":"validatingwebhookconfigurations","namespace":"","name":"cert-manager-webhook"}]`})
		out := restoreExecute(t, host, "restore-rbac-first", deployment.DeepCopy(), deployment)
		expectIDs(t, out.AdditionalItems,
			id("", "serviceaccounts", "cert-manager", "cert-manager-webhook"),
			id("rbac.authorization.k8s.io", "roles", "cert-manager", "cert-manager-webhook:dynamic-serving"))
		if _, kept := annotationsOf(out.UpdatedItem)[dependsOnKey]; kept {
			t.Errorf("%s not removed from the restored Deployment", dependsOnKey)
		}
	})
	t.Run("webhook-readiness does not wait without a live webhook", func(t *testing.T) {
		cert := velerohost.MustObject(t, certificateJSON)
		out := restoreExecute(t, host, "restore-webhook-readiness", cert, cert.DeepCopy())
		if out.WaitForAdditionalItems || out.SkipRestore {
			t.Errorf("unexpected wait or skip: %+v", out)
		}
		ria, err := host.RestoreAction(cmPrefix + "restore-webhook-readiness")
		if err != nil {
			t.Fatal(err)
		}
		ready, err := ria.AreAdditionalItemsReady(nil, restoreObject())
		if err != nil || !ready {
			t.Errorf("AreAdditionalItemsReady = %v, %v", ready, err)
		}
	})
}
