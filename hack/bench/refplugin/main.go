// Command refplugin is the benchmark's reference: a Velero plugin written in Go with Velero's own plugin
// framework that does the same work as this project's skip-ephemeral actions (decode the item, set an
// annotation, log one line, return it), so the benchmark compares the TypeScript host with the cost of
// the Go plugin a team would otherwise have written. It is a test tool, never shipped.
package main

import (
	"github.com/sirupsen/logrus"
	"github.com/vmware-tanzu/velero/pkg/apis/velero/v1"
	"github.com/vmware-tanzu/velero/pkg/plugin/framework"
	"github.com/vmware-tanzu/velero/pkg/plugin/velero"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
)

// Names the benchmark looks the reference's actions up by.
const (
	BackupName  = "bench.velero-plugin-for-cert-manager.dev/reference-backup"
	RestoreName = "bench.velero-plugin-for-cert-manager.dev/reference-restore"
)

// The same selector as the project's skip-ephemeral actions.
var ephemeral = velero.ResourceSelector{IncludedResources: []string{"orders.acme.cert-manager.io", "challenges.acme.cert-manager.io", "certificaterequests.cert-manager.io"}}

func main() {
	framework.NewServer().
		RegisterBackupItemActionV2(BackupName, func(log logrus.FieldLogger) (interface{}, error) { return &backupAction{log}, nil }).
		RegisterRestoreItemActionV2(RestoreName, func(log logrus.FieldLogger) (interface{}, error) { return &restoreAction{log}, nil }).
		Serve()
}

type backupAction struct{ log logrus.FieldLogger }

func (a *backupAction) Name() string                                { return BackupName }
func (a *backupAction) AppliesTo() (velero.ResourceSelector, error) { return ephemeral, nil }
func (a *backupAction) Progress(string, *v1.Backup) (velero.OperationProgress, error) {
	return velero.OperationProgress{}, nil
}
func (a *backupAction) Cancel(string, *v1.Backup) error { return nil }

func (a *backupAction) Execute(item runtime.Unstructured, _ *v1.Backup) (runtime.Unstructured, []velero.ResourceIdentifier, string, []velero.ResourceIdentifier, error) {
	obj := &unstructured.Unstructured{Object: item.UnstructuredContent()}
	annotate(obj, "velero.io/skip-from-backup")
	a.log.Info("leaving ephemeral cert-manager object out of the backup")
	return obj, nil, "", nil, nil
}

type restoreAction struct{ log logrus.FieldLogger }

func (a *restoreAction) Name() string                                { return RestoreName }
func (a *restoreAction) AppliesTo() (velero.ResourceSelector, error) { return ephemeral, nil }
func (a *restoreAction) Progress(string, *v1.Restore) (velero.OperationProgress, error) {
	return velero.OperationProgress{}, nil
}
func (a *restoreAction) Cancel(string, *v1.Restore) error { return nil }
func (a *restoreAction) AreAdditionalItemsReady([]velero.ResourceIdentifier, *v1.Restore) (bool, error) {
	return true, nil
}

func (a *restoreAction) Execute(input *velero.RestoreItemActionExecuteInput) (*velero.RestoreItemActionExecuteOutput, error) {
	obj := &unstructured.Unstructured{Object: input.Item.UnstructuredContent()}
	annotate(obj, "bench.velero-plugin-for-cert-manager.dev/seen")
	a.log.Info("not restoring ephemeral cert-manager object")
	return velero.NewRestoreItemActionExecuteOutput(obj).WithoutRestore(), nil
}

func annotate(obj *unstructured.Unstructured, key string) {
	annotations := obj.GetAnnotations()
	if annotations == nil {
		annotations = map[string]string{}
	}
	annotations[key] = "true"
	obj.SetAnnotations(annotations)
}
