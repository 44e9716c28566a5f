package conformance

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/sirupsen/logrus"
	velerov1 "github.com/vmware-tanzu/velero/pkg/apis/velero/v1"
	"github.com/vmware-tanzu/velero/pkg/plugin/framework/common"
	"github.com/vmware-tanzu/velero/pkg/plugin/velero"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"velero-plugin-for-cert-manager/test/conformance/velerohost"
)

const (
	backupSkipEphemeral  = "velero-plugin-for-cert-manager.dev/backup-skip-ephemeral"
	restoreSkipEphemeral = "velero-plugin-for-cert-manager.dev/restore-skip-ephemeral"
)

// The argument forms Velero passes to plugins: <= 1.14 sends --log-level as two tokens (plus
// --features); >= 1.15 forwards every `velero server` flag verbatim, in any form.
var argForms = map[string][]string{
	"velero-1.14-style": {"--log-level", "debug", "--features", "EnableCSI"},
	"velero-1.15+-style": {"--uploader-type=kopia", "--default-volumes-to-fs-backup=true", "--features=EnableCSI,EnableAPIGroupVersions",
		"--log-level=debug", "-x", "--restore-resource-priorities", "-", "positional", "--help"},
}

const orderJSON = `{"apiVersion":"acme.cert-manager.io/v1","kind":"Order","metadata":{"name":"web-1-123","namespace":"apps","annotations":{"keep":"me"}},"spec":{"request":"LS0t","issuerRef":{"name":"le"}}}`

func backupObject() *velerov1.Backup {
	return &velerov1.Backup{ObjectMeta: metaName("velero", "nightly")}
}

func restoreObject() *velerov1.Restore {
	return &velerov1.Restore{ObjectMeta: metaName("velero", "nightly-restore")}
}

func TestDiscoveryListsEachActionOnceUnderV2Kinds(t *testing.T) {
	for form, args := range argForms {
		t.Run(form, func(t *testing.T) {
			host := velerohost.Start(t, velerohost.Options{ServerArgs: args, Prepare: func(dir string) error {
				// Velero skips non-executable files with a warning; the plugin sits two levels down.
				return os.WriteFile(filepath.Join(dir, "README.txt"), []byte("not a plugin"), 0o644)
			}})
			want := map[common.PluginKind]string{
				common.PluginKindBackupItemActionV2:  backupSkipEphemeral,
				common.PluginKindRestoreItemActionV2: restoreSkipEphemeral,
			}
			for kind, name := range want {
				id, err := host.Registry.Get(kind, name)
				if err != nil {
					t.Fatalf("%s %s not registered: %v", kind, name, err)
				}
				if id.Command != host.Installed && !sameFile(id.Command, host.Installed) {
					t.Errorf("ListPlugins command %q does not re-launch the installed plugin %q", id.Command, host.Installed)
				}
			}
			for _, kind := range []common.PluginKind{common.PluginKindBackupItemAction, common.PluginKindRestoreItemAction,
				common.PluginKindDeleteItemAction, common.PluginKindObjectStore, common.PluginKindVolumeSnapshotter} {
				for _, id := range host.Registry.List(kind) {
					if strings.HasPrefix(id.Name, "velero-plugin-for-cert-manager.dev/") {
						t.Errorf("%s advertised under %s too (v1 and v2 under one name run twice)", id.Name, kind)
					}
				}
			}
			for _, kind := range []common.PluginKind{common.PluginKindBackupItemActionV2, common.PluginKindRestoreItemActionV2} {
				seen := map[string]int{}
				for _, id := range host.Registry.List(kind) {
					seen[id.Name]++
				}
				for name, n := range seen {
					if n != 1 {
						t.Errorf("%s listed %d times under %s", name, n, kind)
					}
				}
			}
			// Discovery succeeded although README.txt sits in the directory: Velero skipped it as
			// non-executable (v1.18 warns about it, v1.14 silently); had it been launched as a plugin,
			// DiscoverPlugins would have failed.
		})
	}
}

func sameFile(a, b string) bool {
	ra, errA := filepath.EvalSymlinks(a)
	rb, errB := filepath.EvalSymlinks(b)
	return errA == nil && errB == nil && ra == rb
}

func TestAppliesToThroughVeleroClient(t *testing.T) {
	host := velerohost.Start(t, velerohost.Options{})
	want := []string{"orders.acme.cert-manager.io", "challenges.acme.cert-manager.io", "certificaterequests.cert-manager.io"}
	backup, err := host.BackupAction(backupSkipEphemeral)
	if err != nil {
		t.Fatal(err)
	}
	restore, err := host.RestoreAction(restoreSkipEphemeral)
	if err != nil {
		t.Fatal(err)
	}
	for name, appliesTo := range map[string]func() (velero.ResourceSelector, error){backupSkipEphemeral: backup.AppliesTo, restoreSkipEphemeral: restore.AppliesTo} {
		selector, err := appliesTo()
		if err != nil {
			t.Fatalf("%s AppliesTo: %v", name, err)
		}
		if strings.Join(selector.IncludedResources, ",") != strings.Join(want, ",") {
			t.Errorf("%s IncludedResources = %v, want %v", name, selector.IncludedResources, want)
		}
		if len(selector.IncludedNamespaces)+len(selector.ExcludedNamespaces)+len(selector.ExcludedResources) != 0 || selector.LabelSelector != "" {
			t.Errorf("%s selector narrower than expected: %+v", name, selector)
		}
	}
}

func TestLogLinesReachVeleroAtTheirLevel(t *testing.T) {
	for form, args := range argForms {
		t.Run(form, func(t *testing.T) {
			host := velerohost.Start(t, velerohost.Options{ServerArgs: args, Level: logrus.DebugLevel})
			action, err := host.BackupAction(backupSkipEphemeral)
			if err != nil {
				t.Fatal(err)
			}
			if _, _, _, _, err := action.Execute(velerohost.MustObject(t, orderJSON), backupObject()); err != nil {
				t.Fatal(err)
			}
			certificate := velerohost.MustObject(t, `{"apiVersion":"cert-manager.io/v1","kind":"Certificate","metadata":{"name":"c","namespace":"apps"}}`)
			if _, _, _, _, err := action.Execute(certificate, backupObject()); err != nil {
				t.Fatal(err)
			}
			checkEntry(t, host.Logs, "leaving ephemeral cert-manager object out of the backup", logrus.InfoLevel,
				map[string]string{"action": backupSkipEphemeral, "kind": "Order", "namespace": "apps", "name": "web-1-123", "logSource": backupSkipEphemeral})
			checkEntry(t, host.Logs, "not an ephemeral cert-manager object", logrus.WarnLevel, map[string]string{"kind": "Certificate"})
			checkEntry(t, host.Logs, "executing backup action", logrus.DebugLevel, map[string]string{"action": backupSkipEphemeral})
			checkEntry(t, host.Logs, "plugin serving", logrus.DebugLevel, map[string]string{"logSource": "host"})
			for _, e := range host.Logs.Entries() {
				if strings.HasPrefix(strings.TrimSpace(e.Message), "{") {
					t.Errorf("a plugin line reached Velero unparsed (go-plugin did not accept its JSON): %s", e.Message)
				}
			}
		})
	}

	// Velero <= 1.14 always passes --log-level <server level> (here debug); >= 1.15 passes only the
	// server's own flags, so without --log-level among them the plugin must stay at info.
	t.Run("without-log-level-flag", func(t *testing.T) {
		host := velerohost.Start(t, velerohost.Options{ServerArgs: []string{"--uploader-type=kopia"}, Level: logrus.DebugLevel})
		action, err := host.BackupAction(backupSkipEphemeral)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, _, _, err := action.Execute(velerohost.MustObject(t, orderJSON), backupObject()); err != nil {
			t.Fatal(err)
		}
		if _, err := host.Logs.WaitFor("leaving ephemeral", 5*time.Second); err != nil {
			t.Fatal(err)
		}
		args := host.PluginArgs()
		if len(args) == 0 {
			t.Fatal("go-plugin reported no plugin start")
		}
		velero := strings.Join(args[len(args)-1], " ")
		debugLines := host.Logs.Find("executing backup action")
		switch {
		case strings.Contains(velero, "--log-level debug"):
			if len(debugLines) == 0 {
				t.Errorf("Velero passed %q but the plugin logged no debug lines", velero)
			}
		case strings.Contains(velero, "--log-level"):
			t.Fatalf("unexpected arguments %q", velero)
		default:
			if len(debugLines) != 0 {
				t.Errorf("Velero passed no --log-level (%q) but the plugin logged debug lines: %v", velero, debugLines)
			}
		}
	})
}

func checkEntry(t *testing.T, logs *velerohost.LogCapture, text string, level logrus.Level, fields map[string]string) {
	t.Helper()
	found, err := logs.WaitFor(text, 5*time.Second)
	if err != nil {
		t.Error(err)
		return
	}
	e := found[0]
	if e.Level != level {
		t.Errorf("%q logged at %s, want %s", text, e.Level, level)
	}
	for k, v := range fields {
		if fmt.Sprint(e.Fields[k]) != v {
			t.Errorf("%q field %s = %v, want %s (fields: %v)", text, k, e.Fields[k], v, e.Fields)
		}
	}
}

func TestMalformedItemIsAnErrorNotACrash(t *testing.T) {
	host := velerohost.Start(t, velerohost.Options{})
	action, err := host.BackupAction(backupSkipEphemeral)
	if err != nil {
		t.Fatal(err)
	}
	noKind := &unstructured.Unstructured{Object: map[string]interface{}{"apiVersion": "acme.cert-manager.io/v1", "metadata": map[string]interface{}{"name": "x"}}}
	_, _, _, _, err = action.Execute(noKind, backupObject())
	if err == nil || !strings.Contains(err.Error(), "malformed item (no kind)") {
		t.Fatalf("Execute on an item without kind: err = %v, want a clear malformed-item error", err)
	}
	if _, _, _, _, err := action.Execute(velerohost.MustObject(t, orderJSON), backupObject()); err != nil {
		t.Fatalf("the plugin did not keep serving after a malformed item: %v", err)
	}
	if pids := host.PluginPIDs(); len(pids) > 1 {
		t.Errorf("the plugin process was restarted (pids %v); the malformed item crashed it", pids)
	}
}

func TestCleanupClientsEndsThePluginGracefully(t *testing.T) {
	host := velerohost.Start(t, velerohost.Options{ServerArgs: []string{"--log-level", "debug"}, Level: logrus.DebugLevel})
	action, err := host.RestoreAction(restoreSkipEphemeral)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := action.Execute(&velero.RestoreItemActionExecuteInput{Item: velerohost.MustObject(t, orderJSON), ItemFromBackup: velerohost.MustObject(t, orderJSON), Restore: restoreObject()}); err != nil {
		t.Fatal(err)
	}
	pids := host.PluginPIDs()
	if len(pids) != 1 {
		t.Fatalf("want one plugin process for the manager, go-plugin reported %v", pids)
	}
	serving, err := host.Logs.WaitFor("plugin serving", 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	socket := fmt.Sprint(serving[len(serving)-1].Fields["socket"])
	if _, err := os.Stat(socket); err != nil {
		t.Fatalf("socket %q from the plugin's log does not exist while serving: %v", socket, err)
	}

	start := time.Now()
	host.Manager.CleanupClients()
	elapsed := time.Since(start)
	if elapsed >= 2*time.Second {
		t.Errorf("CleanupClients took %s; go-plugin's grace period is 2 s", elapsed)
	}
	if found := host.Logs.Find("plugin failed to exit gracefully"); len(found) > 0 {
		t.Errorf("go-plugin had to kill the plugin: %v", found)
	}
	if err := syscall.Kill(pids[0], 0); !errors.Is(err, syscall.ESRCH) {
		t.Errorf("plugin process %d still exists after CleanupClients (kill -0: %v)", pids[0], err)
	}
	if _, err := os.Stat(socket); !os.IsNotExist(err) {
		t.Errorf("socket %s left behind (stat: %v)", socket, err)
	}
	if err := host.WaitForExit(pids[0], time.Second); err != nil {
		t.Error(err)
	}
	for _, e := range host.Logs.Find("plugin process exited") {
		if fmt.Sprint(e.Fields["id"]) == fmt.Sprint(pids[0]) && e.Level != logrus.InfoLevel {
			t.Errorf("go-plugin reported an unclean exit of the plugin (logged at %s: %v)", e.Level, e.Fields)
		}
	}
	t.Logf("CleanupClients returned after %s", elapsed.Round(time.Millisecond))
}

func TestKilledPluginIsRestartedByVelero(t *testing.T) {
	host := velerohost.Start(t, velerohost.Options{Level: logrus.DebugLevel})
	action, err := host.BackupAction(backupSkipEphemeral)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, _, err := action.Execute(velerohost.MustObject(t, orderJSON), backupObject()); err != nil {
		t.Fatal(err)
	}
	pids := host.PluginPIDs()
	if len(pids) != 1 {
		t.Fatalf("want one plugin process, go-plugin reported %v", pids)
	}
	if err := syscall.Kill(pids[0], syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	// Velero notices the exit before the next call; wait until go-plugin has seen it.
	if err := host.WaitForExit(pids[0], 5*time.Second); err != nil {
		t.Fatal(err)
	}
	item, _, _, _, err := action.Execute(velerohost.MustObject(t, orderJSON), backupObject())
	if err != nil {
		t.Fatalf("Execute after the plugin was killed: %v", err)
	}
	if _, ok := item.UnstructuredContent()["metadata"].(map[string]interface{})["annotations"].(map[string]interface{})["velero.io/skip-from-backup"]; !ok {
		t.Errorf("restarted plugin returned an unmarked item")
	}
	if pids := host.PluginPIDs(); len(pids) != 2 || pids[0] == pids[1] {
		t.Errorf("want a second, different plugin process, got %v", pids)
	}
}

func TestSixteenMebibyteItem(t *testing.T) {
	host := velerohost.Start(t, velerohost.Options{})
	action, err := host.BackupAction(backupSkipEphemeral)
	if err != nil {
		t.Fatal(err)
	}
	item := velerohost.MustObject(t, orderJSON)
	blob := strings.Repeat("x", 16<<20)
	if err := unstructured.SetNestedField(item.Object, blob, "spec", "request"); err != nil {
		t.Fatal(err)
	}
	out, _, _, _, err := action.Execute(item, backupObject())
	if err != nil {
		t.Fatalf("Execute with a 16 MiB item: %v", err)
	}
	got, _, _ := unstructured.NestedString(out.UnstructuredContent(), "spec", "request")
	if len(got) != len(blob) {
		t.Errorf("returned spec.request has %d bytes, want %d", len(got), len(blob))
	}
}

func TestThirtyTwoConcurrentExecutes(t *testing.T) {
	host := velerohost.Start(t, velerohost.Options{Level: logrus.DebugLevel})
	backup, err := host.BackupAction(backupSkipEphemeral)
	if err != nil {
		t.Fatal(err)
	}
	restore, err := host.RestoreAction(restoreSkipEphemeral)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 32)
	for i := 0; i < 32; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			name := fmt.Sprintf("order-%d", i)
			item := velerohost.MustObject(t, orderJSON)
			item.SetName(name)
			if i%2 == 0 {
				out, _, _, _, err := backup.Execute(item, backupObject())
				if err != nil {
					errs <- err
					return
				}
				if got := out.(*unstructured.Unstructured).GetName(); got != name {
					errs <- fmt.Errorf("call %d got back %s", i, got)
				}
				return
			}
			out, err := restore.Execute(&velero.RestoreItemActionExecuteInput{Item: item, ItemFromBackup: item, Restore: restoreObject()})
			if err != nil {
				errs <- err
				return
			}
			if !out.SkipRestore || out.UpdatedItem.(*unstructured.Unstructured).GetName() != name {
				errs <- fmt.Errorf("call %d: skip=%v name=%s", i, out.SkipRestore, out.UpdatedItem.(*unstructured.Unstructured).GetName())
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if pids := host.PluginPIDs(); len(pids) != 1 {
		t.Errorf("want all calls served by one plugin process, got %v", pids)
	}
}

var handshakeLine = regexp.MustCompile(`^1\|2\|unix\|/[^|]+\|grpc$`)

// TestStartedByHand runs the executable directly: without go-plugin's cookie it must explain itself on
// stderr and exit non-zero; with it, its first and only stdout line is the handshake.
func TestStartedByHand(t *testing.T) {
	executable, err := velerohost.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(executable, "--log-level", "info")
	cmd.Env = withoutCookie(os.Environ())
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = runWithTimeout(cmd, 10*time.Second)
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) || exitErr.ExitCode() == 0 {
		t.Errorf("without the cookie: err = %v, want a non-zero exit", err)
	}
	if stdout.Len() != 0 {
		t.Errorf("without the cookie, stdout = %q, want nothing", stdout.String())
	}
	if !strings.Contains(stderr.String(), "Velero plugin") {
		t.Errorf("without the cookie, stderr = %q, want an explanation", stderr.String())
	}

	lines, stop := startWithCookie(t, executable, "--uploader-type=kopia", "--help")
	first := <-lines
	if !handshakeLine.MatchString(first) {
		t.Errorf("first stdout line %q is not a go-plugin handshake for Velero", first)
	}
	stop()
	for extra := range lines {
		t.Errorf("extra stdout line after the handshake: %q", extra)
	}
}

func withoutCookie(env []string) []string {
	var out []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, "VELERO_PLUGIN=") && !strings.HasPrefix(kv, "PLUGIN_") {
			out = append(out, kv)
		}
	}
	return out
}

func runWithTimeout(cmd *exec.Cmd, timeout time.Duration) error {
	if err := cmd.Start(); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return err
	case <-time.After(timeout):
		_ = cmd.Process.Kill()
		return fmt.Errorf("%s did not exit within %s", cmd.Path, timeout)
	}
}

// startWithCookie starts the plugin as go-plugin does and streams its stdout lines; stop sends
// SIGTERM, waits for the exit and closes the channel once stdout is drained.
func startWithCookie(t testing.TB, executable string, args ...string) (<-chan string, func()) {
	t.Helper()
	_, lines, stop := startPluginProcess(t, executable, args...)
	return lines, stop
}

// startPluginProcess is startWithCookie that also returns the command (for its pid).
func startPluginProcess(t testing.TB, executable string, args ...string) (*exec.Cmd, <-chan string, func()) {
	t.Helper()
	cmd := exec.Command(executable, args...)
	cmd.Env = append(withoutCookie(os.Environ()), "VELERO_PLUGIN=hello", "PLUGIN_PROTOCOL_VERSIONS=2", "PLUGIN_MIN_PORT=10000", "PLUGIN_MAX_PORT=25000")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr := &lockedBuffer{}
	cmd.Stderr = stderr
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("plugin stderr:\n%s", stderr.String())
		}
	})
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 64)
	drained := make(chan struct{})
	go func() {
		defer close(drained)
		defer close(lines)
		scanner := bufio.NewScanner(stdout)
		for scanner.Scan() {
			lines <- scanner.Text()
		}
	}()
	var once sync.Once
	stop := func() {
		once.Do(func() {
			_ = cmd.Process.Signal(syscall.SIGTERM)
			// Read stdout to its end before Wait closes the pipe.
			select {
			case <-drained:
			case <-time.After(5 * time.Second):
			}
			done := make(chan struct{})
			go func() { _ = cmd.Wait(); close(done) }()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				_ = cmd.Process.Kill()
				<-done
				t.Errorf("plugin did not exit within 5 s of SIGTERM")
			}
		})
	}
	t.Cleanup(stop)
	return cmd, lines, stop
}

// lockedBuffer collects a child's stderr; written by exec's copier goroutine, read by the test.
type lockedBuffer struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
