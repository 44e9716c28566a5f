import { expect } from 'chai';
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { hostClients } from './grpc-client.js';

const here = dirname(fileURLToPath(import.meta.url));
const churn = join(here, 'fixtures/heap-churn.js');
const heapReport = join(here, 'fixtures/heap-report.js');
const pluginScript = resolve(here, '../../../src/plugin.js');
const MiB = 1024 * 1024;
/** The young generation's initial size is 1–2 MiB; twice that leaves room for V8 version differences. */
const SMALL_NEW_SPACE = 4 * MiB;

interface ChurnFigures {
  newSpaceBytes: number;
  heapTotalBytes: number;
}

function runChurn(withPolicy: boolean): ChurnFigures {
  const result = spawnSync(process.execPath, [churn, ...(withPolicy ? ['--policy'] : [])], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(result.status, result.stderr).to.equal(0);
  return JSON.parse(result.stdout) as ChurnFigures;
}

describe('host/heap-policy', function () {
  this.timeout(90_000);

  it('keeps the young generation at its initial size under call-like allocation, where V8 alone grows it', function () {
    const without = runChurn(false);
    // The failure this guards against needs a V8 that grows the young generation on this machine
    // (it sizes the limit from the machine's memory); without that there is nothing to show.
    if (without.newSpaceBytes <= 2 * SMALL_NEW_SPACE) this.skip();
    const withPolicy = runChurn(true);
    expect(withPolicy.newSpaceBytes).to.be.at.most(SMALL_NEW_SPACE);
    expect(withPolicy.heapTotalBytes).to.be.below(without.heapTotalBytes);
  });

  it('is applied by the plugin main: its young generation stays small over thousands of calls', async function () {
    const child = spawn(process.execPath, ['--import', heapReport, pluginScript], {
      env: { PATH: process.env.PATH ?? '', VELERO_PLUGIN: 'hello', PLUGIN_PROTOCOL_VERSIONS: '2' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const clients: { close(): void }[] = [];
    try {
      const reports: ChurnFigures[] = [];
      let waiting: (() => void) | undefined;
      createInterface({ input: child.stderr }).on('line', (line) => {
        if (!line.startsWith('heap-report ')) return;
        reports.push(JSON.parse(line.slice('heap-report '.length)) as ChurnFigures);
        waiting?.();
      });
      const handshake = await new Promise<string>((resolveLine, reject) => {
        const timer = setTimeout(() => reject(new Error('no handshake within 20 s')), 20_000);
        createInterface({ input: child.stdout }).once('line', (line) => {
          clearTimeout(timer);
          resolveLine(line);
        });
      });
      const host = hostClients(handshake.split('|')[3] ?? '');
      clients.push(host);
      const [plugin] = (await host.call('generated.PluginLister', 'ListPlugins', {})).plugins as {
        name: string;
        kind: string;
      }[];
      expect(plugin, 'the plugin lists actions').to.not.equal(undefined);
      const item = Buffer.from(
        JSON.stringify({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'n', namespace: 'ns' },
          data: { pad: 'x'.repeat(2000) },
        }),
      );
      for (let i = 0; i < 3000; i++) {
        await host.call('v2.BackupItemAction', 'AppliesTo', { plugin: plugin?.name ?? '' });
        if (i % 4 === 0)
          await host
            .call('v2.BackupItemAction', 'Execute', { plugin: 'unknown', item, backup: Buffer.alloc(0) })
            .catch(() => undefined);
      }
      const reported = new Promise<void>((resolveReport, reject) => {
        const timer = setTimeout(() => reject(new Error('no heap report within 10 s')), 10_000);
        waiting = () => {
          clearTimeout(timer);
          resolveReport();
        };
      });
      child.kill('SIGUSR2');
      await reported;
      expect(reports[0]?.newSpaceBytes).to.be.a('number').and.at.most(SMALL_NEW_SPACE);
    } finally {
      for (const c of clients) c.close();
      child.kill('SIGKILL');
    }
  });
});
