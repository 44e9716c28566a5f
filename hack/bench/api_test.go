package bench

import (
	"fmt"
	"os"
	"strconv"
	"testing"

	"github.com/sirupsen/logrus"
	velerov1 "github.com/vmware-tanzu/velero/pkg/apis/velero/v1"
	"github.com/vmware-tanzu/velero/pkg/plugin/velero"
	biav2 "github.com/vmware-tanzu/velero/pkg/plugin/velero/backupitemaction/v2"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"velero-plugin-for-cert-manager/test/conformance/velerohost"
)

// TestBackupOfCertificates plays the plugin's part of one Velero backup of VCM_BENCH_CERTIFICATES
// Certificates (and the ClusterIssuer they share): a fresh plugin process, as Velero starts one per
// backup, and every backup action whose selector takes the item, called per item as Velero does. The
// plugin reaches the API server named by $KUBECONFIG (inherited through go-plugin); hack/bench/run.mjs
// counts the requests in the API server's audit log. Without VCM_BENCH_CERTIFICATES the test skips.
func TestBackupOfCertificates(t *testing.T) {
	count, err := strconv.Atoi(os.Getenv("VCM_BENCH_CERTIFICATES"))
	if err != nil || count <= 0 {
		t.Skip("VCM_BENCH_CERTIFICATES not set: run `npm run bench`")
	}
	host := velerohost.Start(t, velerohost.Options{Level: logrus.WarnLevel})
	defer host.Close()
	actions, err := host.Manager.GetBackupItemActionsV2()
	if err != nil {
		t.Fatal(err)
	}
	backup := &velerov1.Backup{}
	backup.Namespace, backup.Name = "velero", "bench-certificates"
	backup.Spec.IncludedNamespaces = []string{"apps"}

	issuer := velerohost.MustObject(t, `{"apiVersion":"cert-manager.io/v1","kind":"ClusterIssuer","metadata":{"name":"letsencrypt"},"spec":{"acme":{"server":"https://acme-v02.api.letsencrypt.org/directory","privateKeySecretRef":{"name":"le-account"},"solvers":[{"http01":{"ingress":{}}}]}}}`)
	selectors := selectorsOf(t, actions)
	calls := executeApplicable(t, actions, selectors, "clusterissuers.cert-manager.io", issuer, backup)
	for i := 0; i < count; i++ {
		cert := velerohost.MustObject(t, fmt.Sprintf(`{"apiVersion":"cert-manager.io/v1","kind":"Certificate","metadata":{"name":"site-%d","namespace":"apps","uid":"00000000-0000-4000-8000-%012d"},"spec":{"secretName":"site-%d-tls","dnsNames":["site-%d.example.com"],"issuerRef":{"name":"letsencrypt","kind":"ClusterIssuer","group":"cert-manager.io"}}}`, i, i, i, i))
		calls += executeApplicable(t, actions, selectors, "certificates.cert-manager.io", cert, backup)
	}
	t.Logf("%d Certificates: %d Execute calls through %d actions", count, calls, len(actions))
}

// selectorsOf asks each action once, as Velero resolves selectors once per backup.
func selectorsOf(t *testing.T, actions []biav2.BackupItemAction) []velero.ResourceSelector {
	t.Helper()
	selectors := make([]velero.ResourceSelector, len(actions))
	for i, action := range actions {
		selector, err := action.AppliesTo()
		if err != nil {
			t.Fatal(err)
		}
		selectors[i] = selector
	}
	return selectors
}

func executeApplicable(t *testing.T, actions []biav2.BackupItemAction, selectors []velero.ResourceSelector, resource string, item *unstructured.Unstructured, backup *velerov1.Backup) int {
	t.Helper()
	calls := 0
	for i, action := range actions {
		if !takes(selectors[i], resource) {
			continue
		}
		if _, _, _, _, err := action.Execute(item.DeepCopy(), backup); err != nil {
			t.Fatalf("%s on %s: %v", action.Name(), item.GetName(), err)
		}
		calls++
	}
	return calls
}

// takes is the part of Velero's selector resolution these actions need: an included resource list
// (empty or "*" takes everything).
func takes(selector velero.ResourceSelector, resource string) bool {
	if len(selector.IncludedResources) == 0 {
		return true
	}
	for _, r := range selector.IncludedResources {
		if r == resource || r == "*" {
			return true
		}
	}
	return false
}
