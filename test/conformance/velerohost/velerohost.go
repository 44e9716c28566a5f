// Package velerohost drives a plugin executable with Velero's own plugin client code, exactly as the
// Velero server does: a plugin directory scanned by process.NewRegistry, ListPlugins at discovery,
// clientmgmt.NewManager for the actions, CleanupClients at the end of every reconcile.
//
// Test files in the conformance module use it for the host's conformance and for every action; the
// same source compiles against Velero v1.18.x (go.mod) and v1.14.x (go.v1.14.mod).
package velerohost

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sirupsen/logrus"
	"github.com/vmware-tanzu/velero/pkg/plugin/clientmgmt"
	"github.com/vmware-tanzu/velero/pkg/plugin/clientmgmt/process"
	"github.com/vmware-tanzu/velero/pkg/plugin/framework"
	biav2 "github.com/vmware-tanzu/velero/pkg/plugin/velero/backupitemaction/v2"
	riav2 "github.com/vmware-tanzu/velero/pkg/plugin/velero/restoreitemaction/v2"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// ExecutableEnv names the plugin executable under test; by default the built dist/src/plugin.js.
const ExecutableEnv = "VCM_PLUGIN_EXECUTABLE"

// InstalledName is the file name the plugin gets in the plugin directory.
const InstalledName = "velero-plugin-for-cert-manager"

// ServeBuiltinPluginsIfAsked must be called first in TestMain. Velero's registry also launches the
// running program (os.Args[0]) as "run-plugins" to serve Velero's built-in plugins; in a test binary
// that would re-run the tests, so serve an empty plugin server instead and exit.
func ServeBuiltinPluginsIfAsked() {
	if len(os.Args) > 1 && os.Args[1] == "run-plugins" {
		framework.NewServer().Serve()
		os.Exit(0)
	}
}

// Executable is the absolute path of the plugin executable under test.
func Executable() (string, error) {
	path := os.Getenv(ExecutableEnv)
	if path == "" {
		_, here, _, _ := runtime.Caller(0)
		path = filepath.Join(filepath.Dir(here), "..", "..", "..", "dist", "src", "plugin.js")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	info, err := os.Stat(abs)
	if err != nil {
		return "", fmt.Errorf("plugin executable %s: %w (run `npm run build`, or set %s)", abs, err, ExecutableEnv)
	}
	if info.Mode()&0o111 == 0 {
		return "", fmt.Errorf("plugin executable %s is not executable", abs)
	}
	return abs, nil
}

// Install puts the executable into dir/relPath the way an init container would copy it: a real copy
// for a self-contained executable, a symlink for a .js entry point (it needs its sibling modules).
func Install(executable, dir, relPath string) (string, error) {
	target := filepath.Join(dir, relPath)
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return "", err
	}
	if strings.HasSuffix(executable, ".js") {
		return target, os.Symlink(executable, target)
	}
	src, err := os.Open(executable)
	if err != nil {
		return "", err
	}
	defer src.Close()
	dst, err := os.OpenFile(target, os.O_CREATE|os.O_WRONLY|os.O_EXCL, 0o755)
	if err != nil {
		return "", err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return "", err
	}
	return target, dst.Close()
}

// Entry is one log line as Velero's logger received it.
type Entry struct {
	Level   logrus.Level
	Message string
	Fields  logrus.Fields
}

// LogCapture is a logrus hook recording every entry, safe for concurrent use.
type LogCapture struct {
	mu      sync.Mutex
	entries []Entry
}

func (c *LogCapture) Levels() []logrus.Level { return logrus.AllLevels }

func (c *LogCapture) Fire(e *logrus.Entry) error {
	fields := logrus.Fields{}
	for k, v := range e.Data {
		fields[k] = v
	}
	c.mu.Lock()
	c.entries = append(c.entries, Entry{Level: e.Level, Message: e.Message, Fields: fields})
	c.mu.Unlock()
	return nil
}

// Entries returns a copy of what was logged so far.
func (c *LogCapture) Entries() []Entry {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]Entry(nil), c.entries...)
}

// Find returns the entries whose message contains text.
func (c *LogCapture) Find(text string) []Entry {
	var found []Entry
	for _, e := range c.Entries() {
		if strings.Contains(e.Message, text) {
			found = append(found, e)
		}
	}
	return found
}

// WaitFor polls until an entry containing text was logged (log lines arrive asynchronously).
func (c *LogCapture) WaitFor(text string, timeout time.Duration) ([]Entry, error) {
	deadline := time.Now().Add(timeout)
	for {
		if found := c.Find(text); len(found) > 0 {
			return found, nil
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("no log line containing %q within %s", text, timeout)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// Options shape one simulated Velero server.
type Options struct {
	// ServerArgs are the `velero server` flags; Velero passes them (os.Args[2:]) to every plugin.
	ServerArgs []string
	// Level is the Velero server's log level (default info).
	Level logrus.Level
	// RelPath is where the plugin goes inside the plugin directory (default a nested path, to prove
	// the directory is scanned recursively).
	RelPath string
	// Prepare may add more files to the plugin directory before discovery.
	Prepare func(dir string) error
}

// Host is one simulated Velero server: plugin directory, registry, manager and captured logs.
type Host struct {
	Dir       string
	Installed string
	Logger    *logrus.Logger
	Logs      *LogCapture
	Registry  process.Registry
	Manager   clientmgmt.Manager

	restore func()
	// discoveryEntries is how many log entries discovery produced (its processes are not the manager's).
	discoveryEntries int
}

// argsMu serialises hosts: Velero reads os.Args whenever it (re)starts a plugin process.
var argsMu sync.Mutex

// Start discovers the plugin in a fresh plugin directory and returns a manager, as the Velero server
// does at start-up and per reconcile. Cleanup runs CleanupClients and restores os.Args.
func Start(t testing.TB, opts Options) *Host {
	t.Helper()
	host, err := start(t.TempDir(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(host.Close)
	return host
}

func start(dir string, opts Options) (*Host, error) {
	executable, err := Executable()
	if err != nil {
		return nil, err
	}
	if opts.Level == 0 {
		opts.Level = logrus.InfoLevel
	}
	if opts.RelPath == "" {
		opts.RelPath = filepath.Join("nested", "deeper", InstalledName)
	}
	installed, err := Install(executable, dir, opts.RelPath)
	if err != nil {
		return nil, err
	}
	if opts.Prepare != nil {
		if err := opts.Prepare(dir); err != nil {
			return nil, err
		}
	}
	logs := &LogCapture{}
	logger := logrus.New()
	logger.SetOutput(io.Discard)
	logger.SetLevel(opts.Level)
	logger.AddHook(logs)

	argsMu.Lock()
	savedArgs := os.Args
	os.Args = append([]string{os.Args[0], "server"}, opts.ServerArgs...)
	registry := process.NewRegistry(dir, logger, opts.Level)
	if err := registry.DiscoverPlugins(); err != nil {
		os.Args = savedArgs
		argsMu.Unlock()
		return nil, fmt.Errorf("DiscoverPlugins (the Velero server would not start): %w", err)
	}
	host := &Host{Dir: dir, Installed: installed, Logger: logger, Logs: logs, Registry: registry}
	host.discoveryEntries = len(logs.Entries())
	host.Manager = clientmgmt.NewManager(logger, opts.Level, registry)
	host.restore = func() {
		os.Args = savedArgs
		argsMu.Unlock()
	}
	return host, nil
}

// Close runs CleanupClients (Velero does so after each reconcile) and releases os.Args.
func (h *Host) Close() {
	if h.Manager != nil {
		h.Manager.CleanupClients()
		h.Manager = nil
	}
	if h.restore != nil {
		h.restore()
		h.restore = nil
	}
}

// BackupAction returns the named BackupItemAction V2 through Velero's manager.
func (h *Host) BackupAction(name string) (biav2.BackupItemAction, error) {
	actions, err := h.Manager.GetBackupItemActionsV2()
	if err != nil {
		return nil, err
	}
	for _, a := range actions {
		if a.Name() == name {
			return a, nil
		}
	}
	return nil, fmt.Errorf("backup action %s not among the %d Velero resolved", name, len(actions))
}

// RestoreAction returns the named RestoreItemAction V2 through Velero's manager.
func (h *Host) RestoreAction(name string) (riav2.RestoreItemAction, error) {
	actions, err := h.Manager.GetRestoreItemActionsV2()
	if err != nil {
		return nil, err
	}
	for _, a := range actions {
		if a.Name() == name {
			return a, nil
		}
	}
	return nil, fmt.Errorf("restore action %s not among the %d Velero resolved", name, len(actions))
}

// PluginPIDs lists the pids of the plugin processes the manager started (not discovery's, not
// Velero's own run-plugins process), in start order. go-plugin reports them at debug level, so the
// host's Options.Level must be logrus.DebugLevel.
func (h *Host) PluginPIDs() []int {
	var pids []int
	for _, e := range h.Logs.Entries()[h.discoveryEntries:] {
		if e.Message != "plugin started" || fmt.Sprint(e.Fields["path"]) == os.Args[0] {
			continue
		}
		if pid, ok := e.Fields["pid"].(int); ok {
			pids = append(pids, pid)
		}
	}
	return pids
}

// PluginArgs lists the argument vectors (without the program) the manager's plugin processes were
// started with, as go-plugin reports them at debug level.
func (h *Host) PluginArgs() [][]string {
	var all [][]string
	for _, e := range h.Logs.Entries()[h.discoveryEntries:] {
		if e.Message != "starting plugin" || fmt.Sprint(e.Fields["path"]) == os.Args[0] {
			continue
		}
		if args, ok := e.Fields["args"].([]string); ok && len(args) > 0 {
			all = append(all, args[1:])
		}
	}
	return all
}

// WaitForExit waits until go-plugin has reported the exit of the manager's plugin process pid.
// go-plugin marks the client exited right after that line, so allow it a moment more.
func (h *Host) WaitForExit(pid int, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		for _, e := range h.Logs.Entries()[h.discoveryEntries:] {
			if e.Message == "plugin process exited" && fmt.Sprint(e.Fields["id"]) == fmt.Sprint(pid) {
				time.Sleep(100 * time.Millisecond)
				return nil
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	return fmt.Errorf("go-plugin reported no exit of plugin process %d within %s", pid, timeout)
}

// Object decodes a JSON Kubernetes object into what Velero passes to actions.
func Object(jsonText string) (*unstructured.Unstructured, error) {
	obj := &unstructured.Unstructured{}
	if err := json.Unmarshal([]byte(jsonText), &obj.Object); err != nil {
		return nil, err
	}
	if obj.GetKind() == "" {
		return nil, errors.New("fixture has no kind")
	}
	return obj, nil
}

// MustObject is Object for fixtures written in tests.
func MustObject(t testing.TB, jsonText string) *unstructured.Unstructured {
	t.Helper()
	obj, err := Object(jsonText)
	if err != nil {
		t.Fatal(err)
	}
	return obj
}
