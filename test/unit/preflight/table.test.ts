import { expect } from 'chai';
import { lintSubjects } from '../../../src/preflight/engine.js';
import { subjectsFromYaml } from '../../../src/preflight/manifests.js';
import { parseVeleroArgv } from '../../../src/preflight/parse/pflag.js';
import { subjectFromCommand } from '../../../src/preflight/resolve.js';
import type { Finding } from '../../../src/preflight/rules/types.js';
import { unitsFromText } from '../../../src/preflight/sources.js';
import type { LintContext, Subject } from '../../../src/preflight/spec.js';
import { parseVersion } from '../../../src/preflight/version.js';
import { CASES, type Case } from './table.js';

export function contextFor(c: Pick<Case, 'version' | 'plugin' | 'veleroNamespace'>): LintContext {
  return {
    veleroVersion: parseVersion(c.version ?? '1.18.1')!,
    pluginInstalled: c.plugin ?? false,
    veleroNamespace: c.veleroNamespace ?? 'velero',
    veleroNamespaceKnown: c.veleroNamespace !== undefined,
    clusterResourceNamespace: 'cert-manager',
  };
}

export function findingsFor(c: Case): Finding[] {
  const ctx = contextFor(c);
  let subjects: Subject[];
  if (c.argv) {
    const tokens = c.argv.map((text, i) => ({ text, loc: { line: 1, column: i + 1 } }));
    subjects = [subjectFromCommand(parseVeleroArgv(tokens, { version: ctx.veleroVersion }), { line: 1, column: 1 })];
  } else if (c.line !== undefined)
    subjects = unitsFromText(c.line, 'shell', undefined, ctx.veleroVersion).units.map((u) => u.subject);
  else if (c.yaml !== undefined) {
    const r = subjectsFromYaml(c.yaml);
    expect(r.problems, 'YAML problems').to.deep.equal([]);
    subjects = r.subjects;
  } else subjects = unitsFromText(c.file!.text, c.file!.kind, 'f', ctx.veleroVersion).units.map((u) => u.subject);
  return lintSubjects(subjects, ctx);
}

describe('preflight behaviour table', () => {
  it(`has at least 150 cases (has ${CASES.length})`, () => {
    expect(CASES.length).to.be.at.least(150);
    expect(new Set(CASES.map((c) => c.name)).size, 'case names are unique').to.equal(CASES.length);
  });
  for (const c of CASES) {
    it(c.name, () => {
      const findings = findingsFor(c);
      const pinned = c.expect.some((e) => e.includes('@'));
      const got = findings
        .map((f) =>
          pinned && c.expect.includes(`${f.ruleId}@${f.location.line}`) ? `${f.ruleId}@${f.location.line}` : f.ruleId,
        )
        .sort();
      expect(
        got,
        findings.map((f) => `${f.ruleId} ${f.location.line}:${f.location.column} ${f.message}`).join('\n'),
      ).to.deep.equal([...c.expect].sort());
      for (const [rule, text] of Object.entries(c.messages ?? {})) {
        const of = findings.filter((f) => f.ruleId === rule);
        expect(of, rule).to.not.be.empty;
        for (const f of of) expect(f.message).to.contain(text);
      }
      for (const f of findings) {
        const want = c.severities?.[f.ruleId];
        if (want) expect(f.severity, f.ruleId).to.equal(want);
      }
    });
  }
});
