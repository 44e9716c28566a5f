package conformance

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"velero-plugin-for-cert-manager/test/conformance/velerohost"
)

// TestFigures measures, and prints, what issue 2 asks for. It asserts nothing about speed (machines
// differ); it fails only if a measurement cannot be taken.
//
//   - start-up: process start to handshake line, median of 20 starts;
//   - Execute round trip through Velero's client for a 2 KiB item, median of 200 calls.
func TestFigures(t *testing.T) {
	if testing.Short() {
		t.Skip("measurements skipped in -short mode")
	}
	executable, err := velerohost.Executable()
	if err != nil {
		t.Fatal(err)
	}

	starts := make([]time.Duration, 0, 20)
	cpu := make([]time.Duration, 0, 20)
	for i := 0; i < 20; i++ {
		t0 := time.Now()
		cmd, lines, stop := startPluginProcess(t, executable, "--log-level", "info")
		select {
		case line := <-lines:
			starts = append(starts, time.Since(t0))
			if used, err := cpuTime(cmd.Process.Pid); err == nil {
				cpu = append(cpu, used)
			}
			if !handshakeLine.MatchString(line) {
				t.Fatalf("start %d: first stdout line %q is not a handshake", i, line)
			}
		case <-time.After(30 * time.Second):
			t.Fatalf("start %d: no handshake within 30 s", i)
		}
		stop()
	}

	host := velerohost.Start(t, velerohost.Options{})
	action, err := host.BackupAction(backupSkipEphemeral)
	if err != nil {
		t.Fatal(err)
	}
	item := velerohost.MustObject(t, orderJSON)
	item.Object["spec"].(map[string]interface{})["request"] = strings.Repeat("A", 2048-len(orderJSON))
	size := len(mustJSON(t, item.Object))
	if _, _, _, _, err := action.Execute(item, backupObject()); err != nil { // first call starts the process
		t.Fatal(err)
	}
	calls := make([]time.Duration, 0, 200)
	for i := 0; i < 200; i++ {
		t0 := time.Now()
		if _, _, _, _, err := action.Execute(item, backupObject()); err != nil {
			t.Fatal(err)
		}
		calls = append(calls, time.Since(t0))
	}

	report := fmt.Sprintf("FIGURES plugin=%s\n"+
		"FIGURES start to handshake: median %s (min %s, max %s, n=%d); CPU time used by then: median %s\n"+
		"FIGURES Execute round trip, %d-byte item, through Velero's client: median %s (p90 %s, n=%d)\n",
		executable, median(starts), minOf(starts), maxOf(starts), len(starts), medianOrNone(cpu), size, median(calls), percentile(calls, 90), len(calls))
	t.Log("\n" + report)
	if path := os.Getenv("VCM_FIGURES_FILE"); path != "" {
		if err := os.WriteFile(path, []byte(report), 0o644); err != nil {
			t.Error(err)
		}
	}
}

// cpuTime is the user+system CPU time process pid has used so far (Linux /proc; 10 ms ticks). Unlike
// wall time it hardly depends on how loaded the machine is.
func cpuTime(pid int) (time.Duration, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	text := string(data)
	fields := strings.Fields(text[strings.LastIndexByte(text, ')')+1:])
	if len(fields) < 13 {
		return 0, fmt.Errorf("short /proc/%d/stat", pid)
	}
	var utime, stime int64
	if _, err := fmt.Sscan(fields[11], &utime); err != nil {
		return 0, err
	}
	if _, err := fmt.Sscan(fields[12], &stime); err != nil {
		return 0, err
	}
	return time.Duration(utime+stime) * 10 * time.Millisecond, nil
}

func medianOrNone(d []time.Duration) string {
	if len(d) == 0 {
		return "n/a"
	}
	return median(d).String()
}

func mustJSON(t *testing.T, v interface{}) []byte {
	t.Helper()
	data, err := jsonMarshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func sorted(d []time.Duration) []time.Duration {
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s
}

func median(d []time.Duration) time.Duration {
	s := sorted(d)
	if len(s)%2 == 1 {
		return s[len(s)/2].Round(10 * time.Microsecond)
	}
	return ((s[len(s)/2-1] + s[len(s)/2]) / 2).Round(10 * time.Microsecond)
}

func percentile(d []time.Duration, p int) time.Duration {
	s := sorted(d)
	return s[(len(s)-1)*p/100].Round(10 * time.Microsecond)
}

func minOf(d []time.Duration) time.Duration { return sorted(d)[0].Round(10 * time.Microsecond) }
func maxOf(d []time.Duration) time.Duration {
	s := sorted(d)
	return s[len(s)-1].Round(10 * time.Microsecond)
}
