package conformance

import (
	"fmt"
	"testing"

	"github.com/vmware-tanzu/velero/pkg/plugin/velero"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"velero-plugin-for-cert-manager/test/conformance/velerohost"
)

var ephemeralFixtures = map[string]string{
	"Order":              orderJSON,
	"Challenge":          `{"apiVersion":"acme.cert-manager.io/v1","kind":"Challenge","metadata":{"name":"web-1-123-456","namespace":"apps"},"spec":{"type":"HTTP-01","token":"t","key":"k"}}`,
	"CertificateRequest": `{"apiVersion":"cert-manager.io/v1","kind":"CertificateRequest","metadata":{"name":"web-1","namespace":"apps","annotations":{"cert-manager.io/certificate-name":"web"}},"spec":{"request":"LS0t","issuerRef":{"name":"le"}}}`,
}

func TestBackupSkipEphemeralMarksTheThreeKinds(t *testing.T) {
	host := velerohost.Start(t, velerohost.Options{})
	action, err := host.BackupAction(backupSkipEphemeral)
	if err != nil {
		t.Fatal(err)
	}
	for kind, fixture := range ephemeralFixtures {
		t.Run(kind, func(t *testing.T) {
			in := velerohost.MustObject(t, fixture)
			out, additional, operationID, postOperation, err := action.Execute(in, backupObject())
			if err != nil {
				t.Fatal(err)
			}
			annotations := fmt.Sprint(out.UnstructuredContent()["metadata"].(map[string]interface{})["annotations"])
			for _, key := range []string{"velero.io/skip-from-backup:" + backupSkipEphemeral, "velero-plugin-for-cert-manager.dev/ephemeral:true"} {
				if !containsField(out.UnstructuredContent(), key) {
					t.Errorf("returned %s lacks %s (annotations: %s)", kind, key, annotations)
				}
			}
			if len(additional) != 0 || operationID != "" || len(postOperation) != 0 {
				t.Errorf("unexpected extras: additional=%v operationID=%q post=%v", additional, operationID, postOperation)
			}
		})
	}
}

func containsField(obj map[string]interface{}, keyValue string) bool {
	annotations, _ := obj["metadata"].(map[string]interface{})["annotations"].(map[string]interface{})
	for k, v := range annotations {
		if fmt.Sprintf("%s:%v", k, v) == keyValue {
			return true
		}
	}
	return false
}

func TestRestoreSkipEphemeralSkipsTheThreeKinds(t *testing.T) {
	host := velerohost.Start(t, velerohost.Options{})
	action, err := host.RestoreAction(restoreSkipEphemeral)
	if err != nil {
		t.Fatal(err)
	}
	for kind, fixture := range ephemeralFixtures {
		t.Run(kind, func(t *testing.T) {
			in := velerohost.MustObject(t, fixture)
			out, err := action.Execute(&velero.RestoreItemActionExecuteInput{Item: in, ItemFromBackup: in.DeepCopy(), Restore: restoreObject()})
			if err != nil {
				t.Fatal(err)
			}
			if !out.SkipRestore {
				t.Errorf("%s not skipped", kind)
			}
			if out.UpdatedItem == nil || out.UpdatedItem.GetObjectKind().GroupVersionKind().Kind != kind {
				t.Errorf("%s: the whole item must come back even when skipped, got %v", kind, out.UpdatedItem)
			}
			if out.WaitForAdditionalItems || out.OperationID != "" || len(out.AdditionalItems) != 0 {
				t.Errorf("unexpected extras: %+v", out)
			}
		})
	}
	ready, err := action.AreAdditionalItemsReady([]velero.ResourceIdentifier{{GroupResource: schema.GroupResource{Group: "cert-manager.io", Resource: "certificates"}, Namespace: "apps", Name: "web"}}, restoreObject())
	if err != nil || !ready {
		t.Errorf("AreAdditionalItemsReady = %v, %v; want true (the action waits for nothing)", ready, err)
	}
}
