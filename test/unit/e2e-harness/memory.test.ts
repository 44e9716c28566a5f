import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemorySampler, writeMemoryRecords } from '../../e2e/harness/memory.js';

describe('e2e harness memory sampler', () => {
  it("records this process's peak and the peak of a child whose command line names the plugin", async function () {
    this.timeout(20_000);
    // A child that holds ~64 MiB resident for a while, named like the plugin by an argument.
    const child = spawn(
      process.execPath,
      [
        '-e',
        'const b = Buffer.alloc(64 * 1024 * 1024, 1); setTimeout(() => b.length, 1500)',
        'velero-plugin-for-cert-manager',
      ],
      { stdio: 'ignore' },
    );
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 1500)', 'velero-plugin-for-aws'], {
      stdio: 'ignore',
    });
    const exited = Promise.all([child, other].map((p) => new Promise((resolve) => p.on('exit', resolve))));
    const sampler = new MemorySampler(process.pid, 'velero-plugin-for-cert-manager');
    await exited;
    const peaks = sampler.stop();
    expect(peaks.pluginProcesses).to.equal(1);
    expect(peaks.pluginPeakMiB).to.be.greaterThan(64);
    expect(peaks.serverPeakMiB).to.be.greaterThan(0);
  });

  it('reports no plugin process when none ran', () => {
    const peaks = new MemorySampler(process.pid, 'no-such-plugin-name').stop();
    expect(peaks).to.include({ pluginProcesses: 0, pluginPeakMiB: 0 });
  });

  it('writes the records as JSON with the time they were measured', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vcm-memory-'));
    try {
      const file = join(dir, 'e2e-memory.json');
      const record = {
        what: 'backup full',
        veleroVersion: 'v1.18.1',
        serverPeakMiB: 1,
        pluginPeakMiB: 2,
        pluginProcesses: 3,
      };
      writeMemoryRecords(file, [record]);
      const written = JSON.parse(readFileSync(file, 'utf8')) as { measuredAt: string; records: unknown[] };
      expect(written.records).to.deep.equal([record]);
      expect(Number.isNaN(Date.parse(written.measuredAt))).to.equal(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
