package conformance

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/vmware-tanzu/velero/pkg/plugin/velero"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"velero-plugin-for-cert-manager/test/conformance/velerohost"
)

// Issue 20 case 2: items the plugin leaves unchanged come back as they were sent, and items it changes keep
// every other value exactly, through Velero's own plugin client. Velero decodes items with Kubernetes'
// unstructured JSON scheme, which keeps integers as int64: 9007199254740993 must survive (a JavaScript
// double would make it ...992), and so must nesting deeper than JSON.stringify's recursion allows.

// Above 2^53: the largest int64 and a value a double cannot hold.
const exactIntegers = `"big":9007199254740993,"min":-9223372036854775808,"max":9223372036854775807`

// deepJSON is `depth` nested objects around a leaf, deeper than JSON.stringify could write (about 4,500).
func deepJSON(depth int) string {
	return strings.Repeat(`{"a":`, depth) + `1` + strings.Repeat(`}`, depth)
}

// exactObject decodes as Velero does (int64 integers), unlike velerohost.MustObject's float64.
func exactObject(t *testing.T, text string) *unstructured.Unstructured {
	t.Helper()
	obj := &unstructured.Unstructured{}
	if err := obj.UnmarshalJSON([]byte(text)); err != nil {
		t.Fatal(err)
	}
	return obj
}

// The spec contents both tests send: integers beyond 2^53, and nesting beyond JSON.stringify's reach.
var exactSpecs = map[string]string{
	"integers beyond 2^53": exactIntegers + `,"html":"<b>&</b>"`,
	"5,000 levels deep":    `"deep":` + deepJSON(5000),
}

func marshal(t *testing.T, value interface{}) []byte {
	t.Helper()
	out, err := json.Marshal(value)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestItemBytesUnchangedItemsComeBackExactly(t *testing.T) {
	host := velerohost.Start(t, velerohost.Options{})
	action, err := host.RestoreAction("velero-plugin-for-cert-manager.dev/restore-ingress-secrets")
	if err != nil {
		t.Fatal(err)
	}
	for name, spec := range exactSpecs {
		t.Run(name, func(t *testing.T) {
			// An Ingress without cert-manager annotations: the action returns it as it came.
			in := exactObject(t, `{"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"web","namespace":"apps"},"spec":{`+spec+`}}`)
			out, err := action.Execute(&velero.RestoreItemActionExecuteInput{Item: in, ItemFromBackup: in.DeepCopy(), Restore: restoreObject()})
			if err != nil {
				t.Fatal(err)
			}
			if got, want := marshal(t, out.UpdatedItem), marshal(t, in); !bytes.Equal(got, want) {
				t.Errorf("an unchanged item came back altered:\n got %.300s\nwant %.300s", got, want)
			}
		})
	}
}

func TestItemBytesChangedItemsKeepEveryValue(t *testing.T) {
	host := velerohost.Start(t, velerohost.Options{})
	action, err := host.BackupAction(backupSkipEphemeral)
	if err != nil {
		t.Fatal(err)
	}
	for name, spec := range exactSpecs {
		t.Run(name, func(t *testing.T) {
			in := exactObject(t, `{"apiVersion":"acme.cert-manager.io/v1","kind":"Order","metadata":{"name":"web-1","namespace":"apps"},"spec":{`+spec+`}}`)
			out, _, _, _, err := action.Execute(in, backupObject())
			if err != nil {
				t.Fatal(err)
			}
			annotations, _ := out.UnstructuredContent()["metadata"].(map[string]interface{})["annotations"].(map[string]interface{})
			if annotations["velero.io/skip-from-backup"] == nil {
				t.Fatalf("the action did not change the item (no skip annotation): %v", annotations)
			}
			outSpec := out.UnstructuredContent()["spec"]
			if got, want := marshal(t, outSpec), marshal(t, in.UnstructuredContent()["spec"]); !bytes.Equal(got, want) {
				t.Errorf("a changed item's other values were altered:\n got %.300s\nwant %.300s", got, want)
			}
		})
	}
}
