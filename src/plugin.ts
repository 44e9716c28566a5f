#!/usr/bin/env node
// The plugin binary Velero launches (bin `velero-plugin-for-cert-manager`). Everything it does lives in
// the host (src/host) and the actions (src/actions); keep this file tiny and its imports light, because
// Velero starts a fresh plugin process for every backup and restore.
import './host/stdout-guard.js'; // first: nothing any later module prints may reach stdout
import { writeSync } from 'node:fs';
import { logLevelFromArgs } from './host/args.js';
import { JsonLineLogger } from './host/logger.js';
import { servePlugin } from './host/serve.js';
import { VERSION } from './version.js';

// `--version` answers only when run by hand: under Velero (VELERO_PLUGIN=hello) stdout carries nothing but the
// handshake, whatever the arguments. writeSync on fd 1, because the stdout guard reroutes stdout's writes.
if (process.env.VELERO_PLUGIN !== 'hello' && process.argv.slice(2).includes('--version')) {
  writeSync(1, `velero-plugin-for-cert-manager ${VERSION}\n`);
  process.exit(0);
}

// No top-level await: the packaged single executable is bundled as CommonJS.
servePlugin({
  programName: 'velero-plugin-for-cert-manager',
  // Loaded only once the process knows Velero started it (run by hand it just explains itself).
  // The cluster access (and with it @kubernetes/client-node) is created here but connects only when an
  // action first asks the cluster something, so start-up stays light.
  actions: async () => {
    const [{ createActions }, { createLookupsProvider, describeConnection }] = await Promise.all([
      import('./actions/index.js'),
      import('./kube/index.js'),
    ]);
    // One line per process (Velero starts one per backup or restore): in-cluster or kubeconfig, and which server.
    const log = new JsonLineLogger({ level: logLevelFromArgs(process.argv.slice(2)).level, source: 'kube' });
    const onConnected = (connection: Parameters<typeof describeConnection>[0]) =>
      log.info(describeConnection(connection), { ...connection });
    return createActions({ env: process.env, lookupsFor: createLookupsProvider({ onConnected }) });
  },
}).catch((err: unknown) => {
  process.stderr.write(
    `velero-plugin-for-cert-manager failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
