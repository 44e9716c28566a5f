import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface Advisory {
  id: string;
  package: string;
  severity: string;
}
interface Verdict {
  available: boolean;
  problems: string[];
  blocking: Advisory[];
  accepted: Advisory[];
  below: Advisory[];
}
interface AuditModule {
  judge(report: unknown, allowList: unknown, today: string): Verdict;
  exitCodeOf(verdict: Verdict, required: boolean): number;
}

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 10 && !existsSync(join(dir, 'hack', 'audit.mjs')); i++) dir = dirname(dir);
  return dir;
}
const script = join(repoRoot(), 'hack', 'audit.mjs');
const audit = (await import(pathToFileURL(script).href)) as AuditModule;

const GHSA_HIGH = 'GHSA-29mw-wpgm-hmr9';
const GHSA_MODERATE = 'GHSA-p6mc-m468-83gw';

/** An `npm audit --json` (auditReportVersion 2) report: one direct high finding, one transitive moderate one. */
function report(highSeverity = 'high'): unknown {
  return {
    auditReportVersion: 2,
    vulnerabilities: {
      'js-yaml': {
        name: 'js-yaml',
        severity: highSeverity,
        via: [
          {
            source: 1096484,
            name: 'js-yaml',
            title: 'prototype pollution in merge',
            url: `https://github.com/advisories/${GHSA_HIGH}`,
            severity: highSeverity,
          },
        ],
      },
      'left-pad': {
        name: 'left-pad',
        severity: 'moderate',
        via: [
          {
            source: 1002,
            name: 'left-pad',
            title: 'slow',
            url: `https://github.com/advisories/${GHSA_MODERATE}`,
            severity: 'moderate',
          },
        ],
      },
      'uses-left-pad': { name: 'uses-left-pad', severity: 'moderate', via: ['left-pad'] },
    },
    metadata: { vulnerabilities: { high: 1, moderate: 2, total: 3 } },
  };
}
const entry = (id: string, expires = '2099-01-01'): object => ({
  id,
  reason: 'only reachable through a code path we never call',
  expires,
});
const TODAY = '2026-11-28';

describe('hack/audit', () => {
  it('blocks a high finding that the allow-list does not name, and ignores moderate ones', () => {
    const verdict = audit.judge(report(), { entries: [] }, TODAY);
    expect(verdict.blocking.map((a) => a.id)).to.deep.equal([GHSA_HIGH]);
    expect(verdict.below.map((a) => a.id)).to.deep.equal([GHSA_MODERATE]);
    expect(audit.exitCodeOf(verdict, false)).to.equal(1);
  });

  it('blocks critical findings too', () => {
    expect(audit.judge(report('critical'), { entries: [] }, TODAY).blocking).to.have.length(1);
  });

  it('accepts an allow-listed finding by GHSA id or by npm advisory number until its expiry', () => {
    for (const id of [GHSA_HIGH, '1096484']) {
      const verdict = audit.judge(report(), { entries: [entry(id)] }, TODAY);
      expect(verdict.blocking, id).to.deep.equal([]);
      expect(
        verdict.accepted.map((a) => a.id),
        id,
      ).to.deep.equal([GHSA_HIGH]);
      expect(audit.exitCodeOf(verdict, false), id).to.equal(0);
    }
  });

  it('fails on an expired entry even when the finding it covered is gone', () => {
    const verdict = audit.judge(
      { auditReportVersion: 2, vulnerabilities: {} },
      { entries: [entry(GHSA_HIGH, '2026-11-27')] },
      TODAY,
    );
    expect(verdict.problems).to.have.length(1);
    expect(verdict.problems[0]).to.contain('expired on 2026-11-27');
    expect(audit.exitCodeOf(verdict, false)).to.equal(1);
  });

  it('rejects entries without a valid id, a reason or a date', () => {
    const bad = [
      { id: 'CVE-2024-1', reason: 'a long enough reason', expires: '2099-01-01' },
      { id: GHSA_HIGH, expires: '2099-01-01' },
      { id: GHSA_HIGH, reason: 'a long enough reason', expires: 'soon' },
    ];
    expect(audit.judge(report(), { entries: bad }, TODAY).problems).to.have.length(3);
    expect(audit.judge(report(), { entries: 'none' }, TODAY).problems).to.have.length(1);
  });

  it('never calls an unreachable audit endpoint clean: exit 3, or 1 when the audit is required', () => {
    const refused = { message: '405 Method Not Allowed - POST .../advisories/bulk', statusCode: 405 };
    const verdict = audit.judge(refused, { entries: [] }, TODAY);
    expect(verdict.available).to.equal(false);
    expect(audit.exitCodeOf(verdict, false)).to.equal(3);
    expect(audit.exitCodeOf(verdict, true)).to.equal(1);
  });

  it('judges a saved report from the command line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-'));
    try {
      writeFileSync(join(dir, 'report.json'), JSON.stringify(report()));
      writeFileSync(join(dir, 'allow.json'), JSON.stringify({ entries: [] }));
      const run = (): ReturnType<typeof spawnSync> =>
        spawnSync(
          process.execPath,
          [script, '--input', join(dir, 'report.json'), '--allowlist', join(dir, 'allow.json'), '--today', TODAY],
          { encoding: 'utf8' },
        );
      const blocked = run();
      expect(blocked.status).to.equal(1);
      expect(String(blocked.stderr)).to.contain(`HIGH ${GHSA_HIGH} in js-yaml`);
      writeFileSync(join(dir, 'allow.json'), JSON.stringify({ entries: [entry(GHSA_HIGH)] }));
      const accepted = run();
      expect(accepted.status, String(accepted.stderr)).to.equal(0);
      expect(String(accepted.stdout)).to.contain('0 blocking, 1 allow-listed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
