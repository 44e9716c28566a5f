import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'src', 'preflight', 'cli.js');

/** Reports the process's maximum resident set size (KiB) on stderr when it exits, however it exits. */
const REPORT_MAX_RSS =
  'data:text/javascript,' +
  encodeURIComponent(
    'process.on("exit", () => process.stderr.write(`max-rss-kib=${process.resourceUsage().maxRSS}\\n`));',
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

describe('velero-cm-preflight on a large manifest file (built bin)', function () {
  this.timeout(120000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'preflight-large-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('lints 10 MB of Backup manifests within a bounded memory', () => {
    const file = join(dir, 'backups.yaml');
    writeFileSync(file, manifests(10 * 1024 * 1024));
    expect(statSync(file).size).to.be.greaterThan(10 * 1024 * 1024 - 1);
    const r = spawnSync(process.execPath, ['--import', REPORT_MAX_RSS, BIN, '--velero-version', '1.18.3', file], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.match(/^3\d,\d{3} checked|^3\d{4} checked/m);
    const maxRss = Number(/max-rss-kib=(\d+)/.exec(r.stderr)?.[1]);
    // Before the document-by-document reading and compact subjects this file took about 270 MB; now about 200 MB.
    // The goal of issue 19 is 150 MB, which needs the manifests linted and released as they are read.
    expect(maxRss / 1024, 'max RSS in MiB').to.be.below(230);
  });
});
