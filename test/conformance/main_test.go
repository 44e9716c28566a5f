// Conformance of the plugin host with Velero's own plugin client code (clientmgmt, process,
// framework), pinned to Velero v1.18.x by go.mod and v1.14.x by go.v1.14.mod. Run through
// `npm test` (stages conformance-v1.18 and conformance-v1.14), or by hand:
//
//	go test ./...                          # Velero v1.18.x client
//	go test -modfile=go.v1.14.mod ./...    # Velero v1.14.x client
//
// The plugin under test is $VCM_PLUGIN_EXECUTABLE, by default ../../dist/src/plugin.js.
package conformance

import (
	"os"
	"testing"

	"velero-plugin-for-cert-manager/test/conformance/velerohost"
)

func TestMain(m *testing.M) {
	velerohost.ServeBuiltinPluginsIfAsked()
	os.Exit(m.Run())
}
