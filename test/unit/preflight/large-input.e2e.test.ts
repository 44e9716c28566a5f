import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'src', 'preflight', 'cli.js');

/**
 * Reports the process's peak resident set size (KiB) and CPU time (µs) on stderr when it exits, however it exits.
 * The peak is VmHWM of /proc/self/status, not getrusage's maxRSS: Linux keeps ru_maxrss across execve, so a child
 * forked from this mocha process (which grows over the whole unit suite) would report mocha's size as its own.
 */
const REPORT_USAGE =
  'data:text/javascript,' +
  encodeURIComponent(
    'import { readFileSync } from "node:fs"; process.on("exit", () => { const u = process.resourceUsage(); const hwm = /VmHWM:\\s+(\\d+)/.exec(readFileSync("/proc/self/status", "utf8"))[1]; process.stderr.write(`max-rss-kib=${hwm} cpu-us=${u.userCPUTime + u.systemCPUTime}\\n`); });',
  );

/** About `bytes` of clean Backup manifests (about 3,700 per MB): each is read, located and linted. */
function manifests(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const doc = `apiVersion: velero.io/v1
kind: Backup
metadata:
  name: nightly-${i}
  namespace: velero
spec:
  includeClusterResources: true
  excludedResources: [challenges.acme.cert-manager.io, orders.acme.cert-manager.io, certificaterequests.cert-manager.io]
  ttl: 720h0m0s
---
`;
    parts.push(doc);
    size += doc.length;
  }
  return parts.join('');
}

interface Run {
  stdout: string;
  maxRssMiB: number;
  cpuSeconds: number;
}

describe('velero-cm-preflight on a large manifest file (built bin)', function () {
  this.timeout(300000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'preflight-large-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Lints `mb` MB of clean Backup manifests in one file, expecting a clean exit. */
  function lint(mb: number): Run {
    const file = join(dir, `backups-${mb}.yaml`);
    writeFileSync(file, manifests(mb * 1024 * 1024));
    expect(statSync(file).size).to.be.greaterThan(mb * 1024 * 1024 - 1);
    const r = spawnSync(process.execPath, ['--import', REPORT_USAGE, BIN, '--velero-version', '1.18.3', file], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      maxBuffer: 64 * 1024 * 1024,
    });
    rmSync(file);
    expect(r.status, r.stderr).to.equal(0);
    const usage = /max-rss-kib=(\d+) cpu-us=(\d+)/.exec(r.stderr);
    expect(usage, r.stderr).not.to.equal(null);
    return { stdout: r.stdout, maxRssMiB: Number(usage?.[1]) / 1024, cpuSeconds: Number(usage?.[2]) / 1e6 };
  }

  let ten: Run | undefined;
  it('lints 10 MB of Backup manifests in under 150 MB of memory, Node.js itself included', () => {
    const run = (ten = lint(10));
    expect(run.stdout).to.match(/^3\d,\d{3} checked|^3\d{4} checked/m);
    // Whole-file reading peaked at about 200 MB here; document by document, dropping clean objects, about 120 MB
    // (of which Node.js and the loaded CLI are about 50), the same for 20 or 50 MB.
    expect(run.maxRssMiB, 'max RSS in MiB').to.be.below(150);
  });

  it('takes time linear in the size: 20 MB costs about twice the CPU time of 10 MB, in the same memory', function () {
    if (!ten) this.skip();
    const twenty = lint(20);
    expect(twenty.stdout).to.match(/^7\d,\d{3} checked|^7\d{4} checked/m);
    expect(twenty.maxRssMiB, 'max RSS in MiB').to.be.below(150);
    // A ratio of the two runs, not a time: the machine's speed cancels out. Linear is 2 (a little less, with the
    // fixed start-up); anything quadratic in the file or the number of objects would be near 4.
    const ratio = twenty.cpuSeconds / ten.cpuSeconds;
    expect(ratio, `CPU ${twenty.cpuSeconds.toFixed(1)} s / ${ten.cpuSeconds.toFixed(1)} s`).to.be.below(2.5);
  });
});
