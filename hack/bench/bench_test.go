// Package bench measures the plugin's cost inside Velero against a reference Go plugin (./refplugin)
// doing the same work, through Velero's own plugin client (the conformance suite's velerohost), in
// alternation within one run. `npm run bench` (hack/bench/run.mjs) builds the inputs, runs TestBench
// and turns its JSON into docs/benchmarks.md. Without VCM_BENCH_OUT the test skips.
package bench

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sirupsen/logrus"
	velerov1 "github.com/vmware-tanzu/velero/pkg/apis/velero/v1"
	"github.com/vmware-tanzu/velero/pkg/plugin/velero"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"velero-plugin-for-cert-manager/test/conformance/velerohost"
)

func TestMain(m *testing.M) {
	velerohost.ServeBuiltinPluginsIfAsked()
	os.Exit(m.Run())
}

// A subject is one plugin executable and the names of its two actions.
type subject struct {
	key, executable, backup, restore string
}

// Stats summarise samples in milliseconds (or the row's unit).
type Stats struct {
	Median float64 `json:"median"`
	P25    float64 `json:"p25"`
	P75    float64 `json:"p75"`
	N      int     `json:"n"`
}

// Row is one line of the results table; Values are keyed by subject ("ts", "go", "host", "floor") and by
// subject+"Cpu" for CPU time of the measured process (robust to load on a shared machine).
type Row struct {
	ID     string            `json:"id"`
	Label  string            `json:"label"`
	Unit   string            `json:"unit"`
	Floor  string            `json:"floor,omitempty"`
	Values map[string]*Stats `json:"values"`
	Note   string            `json:"note,omitempty"`
}

type collector struct {
	order   []string
	rows    map[string]*Row
	samples map[string]map[string][]float64
}

func newCollector() *collector {
	return &collector{rows: map[string]*Row{}, samples: map[string]map[string][]float64{}}
}

func (c *collector) row(id, label, unit, floor string) {
	if _, ok := c.rows[id]; !ok {
		c.order = append(c.order, id)
		c.rows[id] = &Row{ID: id, Label: label, Unit: unit, Floor: floor, Values: map[string]*Stats{}}
		c.samples[id] = map[string][]float64{}
	}
}

func (c *collector) add(id, key string, values ...float64) {
	c.samples[id][key] = append(c.samples[id][key], values...)
}

func (c *collector) rowsOut() []*Row {
	out := []*Row{}
	for _, id := range c.order {
		r := c.rows[id]
		for key, s := range c.samples[id] {
			r.Values[key] = summarise(s)
		}
		out = append(out, r)
	}
	return out
}

func summarise(s []float64) *Stats {
	v := append([]float64(nil), s...)
	sort.Float64s(v)
	at := func(p float64) float64 {
		if len(v) == 0 {
			return 0
		}
		pos := p * float64(len(v)-1)
		lo := int(pos)
		if lo+1 >= len(v) {
			return v[lo]
		}
		return v[lo] + (v[lo+1]-v[lo])*(pos-float64(lo))
	}
	return &Stats{Median: at(0.5), P25: at(0.25), P75: at(0.75), N: len(v)}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// cpuOf is the user+system CPU time process pid has used so far (/proc, 10 ms ticks).
func cpuOf(pid int) time.Duration {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	text := string(data)
	fields := strings.Fields(text[strings.LastIndexByte(text, ')')+1:])
	if len(fields) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(fields[11], 10, 64)
	stime, _ := strconv.ParseInt(fields[12], 10, 64)
	return time.Duration(utime+stime) * 10 * time.Millisecond
}

// rssOf is process pid's resident set in MiB.
func rssOf(pid int) float64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			kib, _ := strconv.ParseFloat(strings.Fields(line)[1], 64)
			return kib / 1024
		}
	}
	return 0
}

func env(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

func backupObject() *velerov1.Backup {
	b := &velerov1.Backup{}
	b.Namespace, b.Name = "velero", "nightly"
	return b
}

func restoreObject() *velerov1.Restore {
	r := &velerov1.Restore{}
	r.Namespace, r.Name = "velero", "nightly-restore"
	return r
}

// order builds an ACME Order of about size bytes of JSON: spec.request is a base64 CSR in real
// clusters, the field that makes these objects large.
func order(t *testing.T, size int) *unstructured.Unstructured {
	const base = `{"apiVersion":"acme.cert-manager.io/v1","kind":"Order","metadata":{"name":"web-1-123","namespace":"apps","uid":"0b6b1a4e-2f7d-4c55-9f5a-7d1b8e0c2a11","resourceVersion":"48213","labels":{"app.kubernetes.io/name":"web"},"annotations":{"cert-manager.io/certificate-name":"web","cert-manager.io/certificate-revision":"1"},"ownerReferences":[{"apiVersion":"cert-manager.io/v1","kind":"CertificateRequest","name":"web-1","uid":"5e0c1f7a-8b2d-4a6e-9c3f-1d2e3f4a5b6c","controller":true,"blockOwnerDeletion":true}]},"spec":{"request":"","issuerRef":{"name":"letsencrypt","kind":"ClusterIssuer","group":"cert-manager.io"},"dnsNames":["web.example.com","www.example.com"]},"status":{"state":"pending","url":"https://acme-v02.api.letsencrypt.org/acme/order/1/2","finalizeURL":"https://acme-v02.api.letsencrypt.org/acme/finalize/1/2"}}`
	item := velerohost.MustObject(t, base)
	pad := size - len(base)
	if pad < 0 {
		pad = 0
	}
	csr := strings.Repeat("TUlJQ2lqQ0NBWElDQVFBd0ZURVRNQkVHQTFVRUF4TUtkMlZpTG1WNFlXMXdiR1V1WTI5dE1JSUJJakFO", pad/80+1)[:pad]
	item.Object["spec"].(map[string]interface{})["request"] = csr
	return item
}

func TestBench(t *testing.T) {
	out := os.Getenv("VCM_BENCH_OUT")
	if out == "" {
		t.Skip("VCM_BENCH_OUT not set: run `npm run bench`")
	}
	quick := os.Getenv("VCM_BENCH_QUICK") == "1"
	pick := func(full, q int) int {
		if quick {
			return q
		}
		return full
	}
	ts, err := velerohost.Executable()
	if err != nil {
		t.Fatal(err)
	}
	subjects := []subject{
		{"ts", ts, "velero-plugin-for-cert-manager.dev/backup-skip-ephemeral", "velero-plugin-for-cert-manager.dev/restore-skip-ephemeral"},
		{"go", env("VCM_BENCH_REFERENCE", ""), "bench.velero-plugin-for-cert-manager.dev/reference-backup", "bench.velero-plugin-for-cert-manager.dev/reference-restore"},
	}
	if subjects[1].executable == "" {
		t.Fatal("VCM_BENCH_REFERENCE (the reference Go plugin) not set")
	}
	// The host floor: the reference's two actions written on the plugin's host (grpc-js, proto-loader, dispatch,
	// logger) and packaged the same way (test/bench/fixtures/host-floor-plugin.ts). Against the reference it prices
	// Node and the gRPC packages for the same work; against the plugin, the plugin's own cert-manager logic.
	if floor := os.Getenv("VCM_BENCH_HOST_FLOOR"); floor != "" {
		subjects = append(subjects, subject{"host", floor, "bench.velero-plugin-for-cert-manager.dev/host-floor-backup", "bench.velero-plugin-for-cert-manager.dev/host-floor-restore"})
	}
	defer os.Setenv(velerohost.ExecutableEnv, ts)
	node := env("VCM_BENCH_NODE", "node")
	// `node -e 0` beside the executables' start-up is the Node they embed (the preflight's is the host's Node).
	startNode := env("VCM_BENCH_PACKAGED_NODE", node)
	c := newCollector()

	// Rotate the order per round so no subject always runs right after the same other's cleanup.
	inTurn := func(round int) []subject {
		k := round % len(subjects)
		return append(append([]subject{}, subjects[k:]...), subjects[:k]...)
	}

	// 1. Start-up: process start to handshake line (raw, as go-plugin starts it), and a Velero
	// manager's first AppliesTo answered (start, handshake, gRPC dial, ListPlugins-free lookup, call).
	c.row("handshake", "process start → handshake line", "ms", "`node -e 0`")
	c.row("appliesto", "process start → first AppliesTo answered (Velero manager)", "ms", "`node -e 0`")
	c.row("rss-start", "resident memory after start (first AppliesTo)", "MiB", "")
	for round := 0; round < pick(15, 2); round++ {
		wall, cpu := runFloor(t, startNode)
		c.add("handshake", "floor", wall)
		c.add("handshake", "floorCpu", cpu)
		c.add("appliesto", "floor", wall)
		c.add("appliesto", "floorCpu", cpu)
		for _, s := range inTurn(round) {
			wall, cpu := handshake(t, s.executable)
			c.add("handshake", s.key, wall)
			c.add("handshake", s.key+"Cpu", cpu)

			os.Setenv(velerohost.ExecutableEnv, s.executable)
			host := velerohost.Start(t, velerohost.Options{Level: logrus.DebugLevel})
			t0 := time.Now()
			action, err := host.BackupAction(s.backup)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := action.AppliesTo(); err != nil {
				t.Fatal(err)
			}
			c.add("appliesto", s.key, ms(time.Since(t0)))
			if pids := host.PluginPIDs(); len(pids) > 0 {
				c.add("appliesto", s.key+"Cpu", ms(cpuOf(pids[len(pids)-1])))
				c.add("rss-start", s.key, rssOf(pids[len(pids)-1]))
			}
			host.Close()
		}
	}

	// 2. Execute round trips, throughput and memory after many items: one Velero manager per subject
	// and round, subjects alternating.
	sizes := []int{2048, 65536}
	concurrencies := []int{1, 8}
	perBatch := pick(200, 16)
	throughputItems := pick(10000, 400)
	if n, err := strconv.Atoi(os.Getenv("VCM_BENCH_ITEMS")); err == nil && n > 0 { // profiling runs
		throughputItems = n
	}
	items := map[int]*unstructured.Unstructured{}
	for _, size := range sizes {
		items[size] = order(t, size)
	}
	for _, conc := range concurrencies {
		c.row(fmt.Sprintf("empty-c%d", conc), fmt.Sprintf("empty gRPC round trip (AppliesTo), concurrency %d", conc), "ms", "")
	}
	for _, kind := range []string{"backup", "restore"} {
		for _, size := range sizes {
			for _, conc := range concurrencies {
				c.row(fmt.Sprintf("%s-%d-c%d", kind, size, conc), fmt.Sprintf("Execute round trip, %s action, %d KiB item, concurrency %d", kind, size/1024, conc), "ms", "empty gRPC round trip")
			}
		}
	}
	c.row("throughput", fmt.Sprintf("items per second over %d items (backup, 2 KiB, concurrency 1)", throughputItems), "items/s", "")
	c.row("rss-after", fmt.Sprintf("resident memory after %d items", throughputItems), "MiB", "")
	for round := 0; round < pick(5, 1); round++ {
		for _, s := range inTurn(round) {
			os.Setenv(velerohost.ExecutableEnv, s.executable)
			host := velerohost.Start(t, velerohost.Options{Level: logrus.DebugLevel})
			bia, err := host.BackupAction(s.backup)
			if err != nil {
				t.Fatal(err)
			}
			ria, err := host.RestoreAction(s.restore)
			if err != nil {
				t.Fatal(err)
			}
			calls := map[string]func(size int) error{
				"backup": func(size int) error {
					_, _, _, _, err := bia.Execute(items[size].DeepCopy(), backupObject())
					return err
				},
				"restore": func(size int) error {
					item := items[size].DeepCopy()
					_, err := ria.Execute(&velero.RestoreItemActionExecuteInput{Item: item, ItemFromBackup: item, Restore: restoreObject()})
					return err
				},
				"empty": func(int) error { _, err := bia.AppliesTo(); return err },
			}
			for i := 0; i < 20; i++ { // warm up both paths (the first call starts the process)
				for _, kind := range []string{"backup", "restore", "empty"} {
					if err := calls[kind](2048); err != nil {
						t.Fatal(err)
					}
				}
			}
			pids := host.PluginPIDs()
			if len(pids) == 0 {
				t.Fatal("no plugin pid reported")
			}
			pid := pids[len(pids)-1]
			for _, conc := range concurrencies {
				lat, cpu := batch(t, conc, perBatch, pid, func() error { return calls["empty"](0) })
				key := s.key
				c.add(fmt.Sprintf("empty-c%d", conc), key, lat...)
				c.add(fmt.Sprintf("empty-c%d", conc), key+"Cpu", cpu)
				for _, kind := range []string{"backup", "restore"} {
					for _, size := range sizes {
						lat, cpu := batch(t, conc, perBatch, pid, func() error { return calls[kind](size) })
						id := fmt.Sprintf("%s-%d-c%d", kind, size, conc)
						c.add(id, key, lat...)
						c.add(id, key+"Cpu", cpu)
					}
				}
			}
			cpu0, t0 := cpuOf(pid), time.Now()
			for i := 0; i < throughputItems; i++ {
				if err := calls["backup"](2048); err != nil {
					t.Fatal(err)
				}
			}
			elapsed := time.Since(t0)
			c.add("throughput", s.key, float64(throughputItems)/elapsed.Seconds())
			if used := cpuOf(pid) - cpu0; used > 0 {
				c.add("throughput", s.key+"Cpu", float64(throughputItems)/used.Seconds())
			}
			c.add("rss-after", s.key, rssOf(pid))
			host.Close()
		}
	}
	// The floor of every round trip row is the reference's empty gRPC call at the same concurrency.
	for _, kind := range []string{"backup", "restore"} {
		for _, size := range sizes {
			for _, conc := range concurrencies {
				id := fmt.Sprintf("%s-%d-c%d", kind, size, conc)
				c.add(id, "floor", c.samples[fmt.Sprintf("empty-c%d", conc)]["go"]...)
				c.add(id, "floorCpu", c.samples[fmt.Sprintf("empty-c%d", conc)]["goCpu"]...)
			}
		}
	}

	// 3. The preflight CLI, cold processes, alternating with `node -e 0`.
	if cli := os.Getenv("VCM_BENCH_PREFLIGHT"); cli != "" {
		lines := 2000
		script := t.TempDir() + "/restore-all.sh"
		var b strings.Builder
		b.WriteString("#!/bin/sh\nset -e\n")
		for i := 0; i < lines; i++ {
			switch i % 3 {
			case 0:
				fmt.Fprintf(&b, "velero backup create nightly-%d --include-namespaces apps-%d --snapshot-volumes=false\n", i, i)
			case 1:
				fmt.Fprintf(&b, "velero restore create r-%d --from-backup nightly-%d --include-namespaces apps-%d\n", i, i-1, i-1)
			default:
				fmt.Fprintf(&b, "velero schedule create s-%d --schedule '0 %d * * *' --include-namespaces apps-%d --exclude-resources orders.acme.cert-manager.io\n", i, i%24, i)
			}
		}
		if err := os.WriteFile(script, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		c.row("preflight-cold", "preflight cold start (`--version`)", "ms", "`node -e 0`")
		c.row("preflight-one", "preflight, one command line, cold", "ms", "`node -e 0`")
		c.row("preflight-script", fmt.Sprintf("preflight, %d-line script, cold (whole run)", lines), "ms", "`node -e 0`")
		c.row("preflight-per-line", fmt.Sprintf("preflight, per command line in the %d-line script", lines), "ms", "")
		for round := 0; round < pick(15, 2); round++ {
			wall, cpu := runFloor(t, node)
			for _, id := range []string{"preflight-cold", "preflight-one", "preflight-script"} {
				c.add(id, "floor", wall)
				c.add(id, "floorCpu", cpu)
			}
			wall, cpu = run(t, node, cli, "--version")
			c.add("preflight-cold", "ts", wall)
			c.add("preflight-cold", "tsCpu", cpu)
			wall, cpu = run(t, node, cli, "--fail-on", "never", "--", "velero", "backup", "create", "nightly", "--include-namespaces", "apps")
			c.add("preflight-one", "ts", wall)
			c.add("preflight-one", "tsCpu", cpu)
			oneWall, oneCpu := wall, cpu
			wall, cpu = run(t, node, cli, "--fail-on", "never", "--format", "json", "--output", os.DevNull, script)
			c.add("preflight-script", "ts", wall)
			c.add("preflight-script", "tsCpu", cpu)
			// Per line: the script's run beyond a one-line run, over the other lines.
			c.add("preflight-per-line", "ts", (wall-oneWall)/float64(lines-1))
			c.add("preflight-per-line", "tsCpu", (cpu-oneCpu)/float64(lines-1))
		}
	}

	data, err := json.MarshalIndent(map[string]interface{}{"quick": quick, "rows": c.rowsOut()}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// batch runs n calls of call at concurrency conc and returns each call's latency (ms) and the plugin
// process's CPU time per call (ms).
func batch(t *testing.T, conc, n, pid int, call func() error) ([]float64, float64) {
	t.Helper()
	lat := make([]float64, n)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	cpu0 := cpuOf(pid)
	for w := 0; w < conc; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < n; i += conc {
				t0 := time.Now()
				err := call()
				lat[i] = ms(time.Since(t0))
				if err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					return
				}
			}
		}(w)
	}
	wg.Wait()
	if firstErr != nil {
		t.Fatal(firstErr)
	}
	return lat, ms(cpuOf(pid)-cpu0) / float64(n)
}

// handshake starts executable as go-plugin does and returns the time to its handshake line and the
// CPU time it used by then (ms).
func handshake(t *testing.T, executable string) (float64, float64) {
	t.Helper()
	cmd := exec.Command(executable)
	cmd.Env = append(os.Environ(), "VELERO_PLUGIN=hello", "PLUGIN_PROTOCOL_VERSIONS=2", "PLUGIN_MIN_PORT=10000", "PLUGIN_MAX_PORT=25000")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	line := make(chan time.Duration, 1)
	go func() {
		if bufio.NewScanner(stdout).Scan() {
			line <- time.Since(t0)
		}
		close(line)
	}()
	select {
	case d, ok := <-line:
		if !ok {
			t.Fatalf("%s: no handshake line", executable)
		}
		return ms(d), ms(cpuOf(cmd.Process.Pid))
	case <-time.After(30 * time.Second):
		t.Fatalf("%s: no handshake within 30 s", executable)
	}
	return 0, 0
}

// run runs a command to completion and returns its wall and CPU time (ms).
func run(t *testing.T, name string, args ...string) (float64, float64) {
	t.Helper()
	cmd := exec.Command(name, args...)
	t0 := time.Now()
	if outText, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, outText)
	}
	wall := time.Since(t0)
	return ms(wall), ms(cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime())
}

func runFloor(t *testing.T, node string) (float64, float64) { return run(t, node, "-e", "0") }
