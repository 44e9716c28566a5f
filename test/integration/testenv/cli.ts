/**
 * npm run testenv:up   [-- --state-dir DIR] [--webhook opt-in|enforce|absent] [--empty] [--with-controller [--with-acme]]
 * npm run testenv:down [-- --state-dir DIR] [--keep]
 * npm run testenv:status [-- --state-dir DIR]
 *
 * `up` returns once the API server is ready with everything installed; its last line is
 * KUBECONFIG=<path>. Progress goes to stderr. Each state directory is one independent environment.
 * --with-controller also starts cert-manager's real controller (all namespaces, leader election off, the
 * administrator's identity); its log is <state dir>/cert-manager-controller.log.
 * --with-acme also starts the ACME path (bind9's named and Pebble, in <state dir>/acme) and points the
 * controller's DNS-01 self checks at that named; it prints the ACME Issuer to create (stderr).
 */
import { tmpdir } from 'node:os';
import yaml from 'js-yaml';
import { acmeControllerOptions, acmeIssuerObjects, startAcmeServer } from './acme.js';
import { join, resolve } from 'node:path';
import {
  TestEnvironment,
  allVersions,
  startCertManagerController,
  startTestEnvironment,
  type WebhookMode,
} from './index.js';

const args = process.argv.slice(2);
const command = args[0];
const option = (flag: string): string | undefined => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
const stateDir = resolve(
  option('--state-dir') ??
    process.env.TESTENV_STATE_DIR ??
    join(tmpdir(), 'velero-plugin-for-cert-manager-testenv', 'default'),
);
const log = (message: string) => process.stderr.write(`testenv: ${message}\n`);

async function main(): Promise<number> {
  switch (command) {
    case 'up': {
      const webhook = (option('--webhook') ?? 'opt-in') as WebhookMode;
      if (!['opt-in', 'enforce', 'absent'].includes(webhook))
        throw new Error(`--webhook must be opt-in, enforce or absent, not ${webhook}`);
      const started = Date.now();
      const installUpstream = !args.includes('--empty');
      const env = await startTestEnvironment({ stateDir, log, webhook, installUpstream });
      if (args.includes('--with-acme') && !args.includes('--with-controller'))
        throw new Error('--with-acme needs --with-controller (the ACME path is for the controller to use)');
      if (args.includes('--with-controller')) {
        try {
          const acme = args.includes('--with-acme')
            ? await startAcmeServer(join(env.stateDir, 'acme'), log)
            : undefined;
          if (acme) {
            env.trackProcess('named', acme.dns.pid);
            env.trackProcess('pebble', acme.pebble.pid);
            log(
              `ACME: Pebble ${acme.pebble.directoryUrl} (log ${acme.pebble.logFile}), DNS ${acme.dns.address} zone ${acme.dns.zone}`,
            );
            log(
              `an ACME Issuer for it (create both objects in your namespace):\n${acmeIssuerObjects(
                acme,
                'default',
                'pebble',
              )
                .map((o) => yaml.dump(o))
                .join('---\n')}`,
            );
          }
          // gateway-shim needs the Gateway API CRDs, which only a non-empty environment has.
          const controller = await startCertManagerController(env, {
            enableGatewayApi: installUpstream,
            log,
            ...(acme ? acmeControllerOptions(acme) : {}),
          });
          log(`cert-manager's controller runs (pid ${controller.pid}), log: ${controller.logFile}`);
        } catch (err) {
          await env.stop({ keepStateDir: true });
          throw err;
        }
      }
      log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${env.state.server}, state in ${env.stateDir}`);
      log(`versions: ${JSON.stringify(env.state.versions)}`);
      log(`stop it with: npm run testenv:down -- --state-dir ${env.stateDir}`);
      process.stdout.write(`KUBECONFIG=${env.kubeconfig}\n`);
      return 0;
    }
    case 'down': {
      let env: TestEnvironment;
      try {
        env = TestEnvironment.attach(stateDir, log);
      } catch (err) {
        log((err as Error).message);
        return 0;
      }
      await env.stop({ keepStateDir: args.includes('--keep') });
      log(`stopped ${stateDir}`);
      return 0;
    }
    case 'status': {
      const env = TestEnvironment.attach(stateDir, log);
      process.stdout.write(`${JSON.stringify({ ...env.state, versions: allVersions() }, null, 2)}\n`);
      return 0;
    }
    default:
      log(
        'usage: cli.js up|down|status [--state-dir DIR] [--webhook opt-in|enforce|absent] [--empty] [--with-controller [--with-acme]] [--keep]',
      );
      return 2;
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    log(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
