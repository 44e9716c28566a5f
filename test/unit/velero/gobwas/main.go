// Command gobwas records how github.com/gobwas/glob, the matcher Velero compiles every include/exclude
// entry with (pkg/util/collections, no separators), treats a corpus of patterns: whether each compiles and,
// if so, which of a fixed list of inputs it matches. The TypeScript port in src/velero/glob.ts is tested
// against the recorded answers (test/unit/velero/glob.test.ts), so the corpus is the upstream's word, not ours.
//
//	go run . > ../gobwas-cases.json
package main

import (
	"encoding/json"
	"math/rand"
	"os"
	"strings"

	"github.com/gobwas/glob"
)

// Inputs every pattern is matched against: names Velero matches (namespaces, plural.group resources) and
// strings made of the characters the grammar treats specially.
var inputs = []string{
	"", "a", "b", "c", "ab", "ba", "abc", "aa", "a.b", "aXb", "a-b", "-", ".", ",", "!", "^", "\\", "]", "}", "[", "{",
	"*", "?", "a*b", "a,b", "a]", "a}", "[a]", "{a}", "\\a", "é", "aé", "日本", "a\nb",
	"kube-system", "kube-public", "cert-manager", "team-a", "team-ab", "team-1",
	"secrets", "configmaps", "serviceaccounts", "certificates.cert-manager.io", "issuers.cert-manager.io",
	"orders.acme.cert-manager.io", "customresourcedefinitions.apiextensions.k8s.io",
}

// Patterns chosen by hand: every production of the grammar, its edge cases and the forms users write.
var chosen = []string{
	"", "*", "**", "***", "?", "??", "a", "a*", "*b", "a*b", "a?b", "a**b", "*.cert-manager.io", "*cert-manager*",
	"kube-*", "team-?", "team-[ab]", "team-[!ab]", "team-[0-9]", "team-[a-z]", "[a-c]", "[!a-c]", "[abc]", "[!abc]",
	"[a-zA-Z]", "[a-z0-9]", "[ab-d]", "[a-]", "[-a]", "[z-a]", "[]", "[!]", "[", "a[", "]", "a]", "[]]", "[^a]",
	"[!!]", "[\\]]", "[\\-a]", "[a\\-]", "[é]", "[a-é]", "{a,b}", "{a,b}*", "{kube-*,cert-*}", "{a,}", "{,a}",
	"{}", "{", "}", "{a", "a}", "{a,b", "a,b", "{a,{b,c}}", "{a*,b?}", "{[ab],c}", "x{a,b}y", "{a}{b}",
	"\\*", "\\?", "a\\*b", "\\", "a\\", "\\a", "\\\\", "\\[", "\\{", "\\}", "{a\\,b}", "{a\\}b}", "a\\]",
	"*a*", "*a*b*", "?*", "*?", "*?*", "a*a", "*aa", "aa*", "é", "?é", "日?", "*s", "secrets", "secret*",
	"Secrets", "*crets", "kube-*-system", "kube-*m", "{orders,challenges}.acme.cert-manager.io", "{cert,kube}-*",
	"*.{acme.,}cert-manager.io", "{certificates,issuers}.cert-manager.io", "{team-*,ops-*}", "prod-{team-*,ops-*}",
	"*-{a,bb}", "team-{a,bb}", "*.acme.cert-manager.io", "certificates.*", "c*s.cert-manager.io",
}

// randomPatterns strings together up to maxPieces random pieces, n times, from a fixed seed (the corpus is
// the same on every run).
func randomPatterns(pieces []string, maxPieces, n int, seed int64) []string {
	r := rand.New(rand.NewSource(seed))
	out := make([]string, 0, n)
	for i := 0; i < n; i++ {
		var b strings.Builder
		for j, l := 0, 1+r.Intn(maxPieces); j < l; j++ {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		out = append(out, b.String())
	}
	return out
}

// grammarPieces are single characters, every one the grammar gives a meaning to among them.
var grammarPieces = strings.Split("ab.-*?[]{},!\\^", "")

// namePieces are what users put in name filters.
var namePieces = []string{"a", "b", "-", "ab", "*", "?", "[ab]", "[!a]", "[a-b]", "{a,b}", "{a*,b}", "{a,b-}"}

// nameInputs are every non-empty string of up to four characters over a, b and '-': the shape of the
// names Velero matches (namespaces, plural.group resources), small enough to try exhaustively.
func nameInputs() []string {
	out := []string{}
	level := []string{""}
	for length := 1; length <= 4; length++ {
		next := []string{}
		for _, prefix := range level {
			for _, c := range "ab-" {
				next = append(next, prefix+string(c))
			}
		}
		out = append(out, next...)
		level = next
	}
	return out
}

type record struct {
	Pattern  string `json:"pattern"`
	Compiles bool   `json:"compiles"`
	// Matches has one character per input: '1' when the pattern matches it, '0' when not, 'p' when gobwas
	// panics (a bug of v0.2.3 with multi-byte input against some fixed-length patterns); empty when the
	// pattern does not compile.
	Matches string `json:"matches,omitempty"`
}

// outcome matches one input, turning gobwas's panic into a recorded answer instead of a crash.
func outcome(g glob.Glob, in string) (answer byte) {
	defer func() {
		if recover() != nil {
			answer = 'p'
		}
	}()
	if g.Match(in) {
		return '1'
	}
	return '0'
}

// corpus records, for each pattern, whether gobwas compiles it and how it answers each input.
func corpus(patterns, inputs []string) []record {
	seen := map[string]bool{}
	var records []record
	for _, p := range patterns {
		if seen[p] {
			continue
		}
		seen[p] = true
		g, err := glob.Compile(p)
		rec := record{Pattern: p, Compiles: err == nil}
		if err == nil {
			var m strings.Builder
			for _, in := range inputs {
				m.WriteByte(outcome(g, in))
			}
			rec.Matches = m.String()
		}
		records = append(records, rec)
	}
	return records
}

func main() {
	names := nameInputs()
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(map[string]any{
		"generator": "test/unit/velero/gobwas (github.com/gobwas/glob v0.2.3, as pinned by Velero v1.18.1)",
		"grammar":   map[string]any{"inputs": inputs, "patterns": corpus(append(chosen, randomPatterns(grammarPieces, 7, 600, 1)...), inputs)},
		"names":     map[string]any{"inputs": names, "patterns": corpus(randomPatterns(namePieces, 5, 500, 2), names)},
	}); err != nil {
		panic(err)
	}
}
