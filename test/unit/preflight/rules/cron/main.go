// Command cron records how the two cron parsers Velero's schedule controller has called (cron.ParseStandard)
// treat a list of schedules: github.com/robfig/cron/v3 v3.0.1 (Velero up to 1.18.2) and
// github.com/netresearch/go-cron v0.15.0 (Velero 1.18.3, go.mod at that tag). The preflight's model of both
// (src/preflight/rules/schedule-missing-cron.ts) is tested against the recorded verdicts, so they are the
// parsers' word, not ours. A panic counts as a rejection: Velero recovers it into a validation error.
//
//	go run . < ../cron-specs.txt > ../cron-cases.json
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"

	gocron "github.com/netresearch/go-cron"
	robfig "github.com/robfig/cron/v3"
)

type verdict struct {
	Spec   string `json:"spec"`
	Robfig string `json:"robfig"`
	GoCron string `json:"goCron"`
}

// parse returns "" when the spec parses, otherwise the parser's error (or panic).
func parse(f func(string) error, spec string) (problem string) {
	defer func() {
		if r := recover(); r != nil {
			problem = fmt.Sprintf("panic: %v", r)
		}
	}()
	if err := f(spec); err != nil {
		return err.Error()
	}
	return ""
}

func main() {
	var out []verdict
	scanner := bufio.NewScanner(os.Stdin)
	for scanner.Scan() {
		spec := scanner.Text()
		if spec == "" || spec[0] == '#' {
			continue
		}
		out = append(out, verdict{
			Spec:   spec,
			Robfig: parse(func(s string) error { _, err := robfig.ParseStandard(s); return err }, spec),
			GoCron: parse(func(s string) error { _, err := gocron.ParseStandard(s); return err }, spec),
		})
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		panic(err)
	}
}
