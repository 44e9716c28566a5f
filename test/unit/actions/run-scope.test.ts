import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createActions } from '../../../src/actions/index.js';
import { DEFAULT_CLUSTER_BUDGET_MS, RunScopes } from '../../../src/actions/run-scope.js';
import { createBackupIssuerSecrets } from '../../../src/actions/backup/issuer-secrets.js';
import type { BackupAction, KubeObject, RestoreAction } from '../../../src/host/action.js';
import { JsonLineLogger } from '../../../src/host/logger.js';
import { ActionRegistry } from '../../../src/host/registry.js';
import { startServer } from '../../../src/host/server.js';
import { createLookupsProvider } from '../../../src/kube/access.js';
import type { ClusterLookups } from '../../../src/kube/types.js';
import { certificate, clusterIssuer } from '../certmanager/fixtures.js';
import { hostClients } from '../host/grpc-client.js';
import { backupRequest, FakeLookups, RecordingLogger, restoreRequest } from './helpers.js';

const MUST_INCLUDE = 'backup.velero.io/must-include-additional-items';

describe('actions/run-scope', () => {
  describe('a malformed plugin configuration (issue 20 case 6: every cert-manager item used to fail)', () => {
    // forceSecrets is well-formed and on; webhookWait is broken, and its 100 KB value must never be echoed.
    const config = { forceSecrets: 'true', webhookWait: 'm'.repeat(100_000) };

    it('is reported once per backup, by key and kind of value, and every item is handled with the defaults', async () => {
      const lookups = new FakeLookups({ config });
      const actions = createActions({ env: {}, lookupsFor: () => lookups });
      const log = new RecordingLogger();
      // A backup that leaves Secrets out: with forceSecrets honoured, the Certificates would force theirs in.
      const backup = backupRequest({ excludedResources: ['secrets'] });
      const backupActions = actions.filter((a): a is BackupAction => a.kind === 'backup');
      for (let i = 0; i < 200; i++) {
        const item = certificate(`web-${i}`, 'shop');
        for (const action of backupActions) {
          if (!action.appliesTo.includedResources?.includes('certificates.cert-manager.io')) continue;
          const result = await action.execute({
            item,
            backup,
            log: log.with({ kind: 'Certificate', name: item.metadata.name }),
          });
          const forcesSecrets =
            result.item.metadata.annotations?.[MUST_INCLUDE] === 'true' &&
            (result.additionalItems ?? []).some((id) => id.resource === 'secrets');
          expect(forcesSecrets, `${action.name}: a broken configuration never forces Secrets`).to.equal(false);
        }
      }
      const errors = log.lines.filter((line) => line.level === 'error');
      expect(errors).to.have.length(1);
      expect(errors[0]?.message).to.match(
        /^plugin configuration key "webhookWait": the value \(a 100000-character string\) is not a boolean.*ignored for this Backup: every item is handled with the built-in defaults/,
      );
      expect(errors[0]?.message).not.to.include('mmmm');
      expect(errors[0]?.fields).to.deep.include({ key: 'webhookWait', kind: undefined, name: undefined });
      expect(lookups.calls.pluginConfig).to.equal(1);
    });

    it('through the real gRPC server: every call answered, the 100 KB value in no answer and no log line', async () => {
      const logLines: string[] = [];
      const server = await startServer({
        registry: new ActionRegistry(createActions({ env: {}, lookupsFor: () => new FakeLookups({ config }) })),
        log: new JsonLineLogger({ level: 'debug', sink: (line) => logLines.push(line) }),
        command: '/plugins/test',
        onShutdownRequested: () => undefined,
      });
      const clients = hostClients(server.socketPath);
      try {
        const backup = Buffer.from(JSON.stringify(backupRequest()));
        for (let i = 0; i < 3; i++) {
          const answer = await clients.call(
            'v2.BackupItemAction',
            'Execute',
            {
              plugin: 'velero-plugin-for-cert-manager.dev/backup-certificate-secrets',
              item: Buffer.from(JSON.stringify(certificate(`web-${i}`, 'shop'))),
              backup,
            },
            5000,
          );
          expect((JSON.parse(String(answer.item)) as KubeObject).metadata.name).to.equal(`web-${i}`);
        }
        const errors = logLines.filter((line) => line.includes('"@level":"error"'));
        expect(errors).to.have.length(1);
        expect(errors[0]).to.include('"webhookWait"');
        expect(logLines.every((line) => !line.includes('mmmmmmmm') && line.length < 4096)).to.equal(true);
      } finally {
        clients.close();
        await server.stop();
      }
    });

    it('is reported again, once, by the next run (a restore)', async () => {
      const actions = createActions({ env: {}, lookupsFor: () => new FakeLookups({ config }) });
      const log = new RecordingLogger();
      const restoreActions = actions.filter((a): a is RestoreAction => a.kind === 'restore');
      const item = certificate('web', 'shop');
      for (const action of restoreActions)
        await action.execute({ item, itemFromBackup: item, restore: restoreRequest(), log });
      expect(log.at('error')).to.have.length(1);
      expect(log.at('error')[0]).to.match(/ignored for this Restore/);
    });
  });

  describe('an API server that never answers (issue 20 case 5: the first item waited two 10 s timeouts in a row)', () => {
    const CA_ISSUER = clusterIssuer('ca', { ca: { secretName: 'ca-key-pair' } });

    /** Times the ClusterIssuer items of one backup through backup-issuer-secrets (config and installation needed). */
    async function timeItems(scopes: RunScopes, count: number) {
      const action = createBackupIssuerSecrets(scopes);
      const log = new RecordingLogger();
      const times: number[] = [];
      for (let i = 0; i < count; i++) {
        const t0 = Date.now();
        const result = await action.execute({ item: CA_ISSUER, backup: backupRequest(), log });
        times.push(Date.now() - t0);
        expect(result.additionalItems?.map((id) => id.name)).to.deep.equal(['ca-key-pair']);
      }
      return { times, log };
    }

    it('waits one budget for the whole run, lookups in parallel, with one warning', async () => {
      const never = () => new Promise<never>(() => undefined);
      const calls: string[] = [];
      const hanging: ClusterLookups = {
        pluginConfig: () => (calls.push('config'), never()),
        certManagerInstallation: () => (calls.push('installation'), never()),
        rbacForServiceAccount: () => (calls.push('rbac'), never()),
        serviceHasReadyEndpoints: () => (calls.push('endpoints'), never()),
      };
      const scopes = new RunScopes({ lookupsFor: () => hanging, clusterBudgetMs: 300 });
      const { times, log } = await timeItems(scopes, 20);
      expect(times[0]).to.be.within(250, 550);
      expect(Math.max(...times.slice(1)), 'later items do not wait').to.be.below(50);
      // One warning about the cluster (the lookups' own "could not read/look up" lines are folded into it);
      // the ClusterIssuer's fallback namespace keeps its own warning: it says where its Secrets are looked for.
      const aboutCluster = log
        .at('warn')
        .filter((line) => /cluster did not answer|could not (read|look up)/.test(line));
      expect(aboutCluster).to.have.length(1);
      expect(aboutCluster[0]).to.match(
        /^the cluster did not answer within 0\.3 s; this Backup goes on without asking it/,
      );
      expect(calls.sort()).to.deep.equal(['config', 'installation']);
    });

    describe('through the real Kubernetes client, against a server that accepts connections and never answers', function () {
      this.timeout(30_000);
      let blackHole: Server;
      const sockets = new Set<Socket>();
      let dir: string;
      let kubeconfigPath: string;
      before(async () => {
        blackHole = createServer((socket) => {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
        });
        await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
        const address = blackHole.address();
        const port = typeof address === 'object' && address ? address.port : 0;
        dir = mkdtempSync(join(tmpdir(), 'black-hole-'));
        kubeconfigPath = join(dir, 'kubeconfig');
        writeFileSync(
          kubeconfigPath,
          `apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "http://127.0.0.1:${port}", insecure-skip-tls-verify: true}}]\n` +
            'users: [{name: u, user: {token: t}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\n',
        );
      });
      after(() => {
        for (const socket of sockets) socket.destroy();
        blackHole.close();
        rmSync(dir, { recursive: true, force: true });
      });

      it(`costs the first item one ${DEFAULT_CLUSTER_BUDGET_MS / 1000} s budget and the others nothing`, async () => {
        const scopes = new RunScopes({ lookupsFor: createLookupsProvider({ kubeconfigPath, env: {} }) });
        const { times, log } = await timeItems(scopes, 5);
        expect(times[0]).to.be.within(DEFAULT_CLUSTER_BUDGET_MS - 100, DEFAULT_CLUSTER_BUDGET_MS + 1500);
        expect(Math.max(...times.slice(1))).to.be.below(100);
        const aboutCluster = log
          .at('warn')
          .filter((line) => /cluster did not answer|could not (read|look up)/.test(line));
        expect(aboutCluster).to.have.length(1);
      });
    });
  });
});
