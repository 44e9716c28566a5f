// Command velero is the upstream Velero CLI and server, pinned by this module's go.mod, built for the
// end-to-end suite. It differs from the released binary in one respect only: controller-runtime's
// metrics listener, which Velero does not expose a flag for and which otherwise binds every interface
// on :8080, is moved to the address in VELERO_E2E_CONTROLLER_METRICS_ADDRESS (default "0": disabled),
// so the suite stays on loopback and two Velero servers can run side by side.
package main

import (
	"os"
	"path/filepath"

	"k8s.io/klog/v2"
	metricsserver "sigs.k8s.io/controller-runtime/pkg/metrics/server"

	"github.com/vmware-tanzu/velero/pkg/cmd"
	"github.com/vmware-tanzu/velero/pkg/cmd/velero"
)

func main() {
	defer klog.Flush()
	metricsserver.DefaultBindAddress = "0"
	if address, ok := os.LookupEnv("VELERO_E2E_CONTROLLER_METRICS_ADDRESS"); ok {
		metricsserver.DefaultBindAddress = address
	}
	cmd.CheckError(velero.NewCommand(filepath.Base(os.Args[0])).Execute())
}
