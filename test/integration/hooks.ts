/**
 * Mocha wiring for the integration suite (loaded with `--require`):
 *   - a global fixture that starts one test environment for the whole run and stops it at the end, even
 *     when tests fail (and kills its processes if mocha exits abruptly);
 *   - a root hook that gives every test its own namespace (testNamespace()).
 *
 * Set TESTENV_STATE_DIR to the state directory of an environment started by `npm run testenv:up` to run
 * against it instead (much faster while iterating); it is then left running.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { kubeConfigFromFile, startTestEnvironment, TestEnvironment } from './testenv/index.js';

let environment: TestEnvironment | undefined;
let ownsEnvironment = false;
let namespace: string | undefined;
let namespaceCounter = 0;

const log = (message: string) => process.stderr.write(`      testenv: ${message}\n`);

export async function mochaGlobalSetup(): Promise<void> {
  const attachTo = process.env.TESTENV_STATE_DIR;
  const started = Date.now();
  if (attachTo && existsSync(join(attachTo, 'state.json'))) {
    environment = TestEnvironment.attach(attachTo, log);
    log(`using the running environment in ${attachTo}`);
    return;
  }
  const stateDir = mkdtempSync(join(tmpdir(), 'vpcm-testenv-'));
  environment = await startTestEnvironment({ stateDir, log, stopOnExit: true });
  ownsEnvironment = true;
  log(
    `started in ${((Date.now() - started) / 1000).toFixed(1)} s (${environment.state.server}, versions ${JSON.stringify(environment.state.versions)})`,
  );
}

export async function mochaGlobalTeardown(): Promise<void> {
  if (environment && ownsEnvironment) await environment.stop();
  environment = undefined;
}

export const mochaHooks = {
  async beforeEach(this: Mocha.Context): Promise<void> {
    const env = testEnv();
    namespaceCounter++;
    const name = `t${process.pid}-${namespaceCounter}-${Math.random().toString(36).slice(2, 7)}`;
    await kubeConfigFromFile(env.kubeconfig)
      .makeApiClient(CoreV1Api)
      .createNamespace({
        body: { metadata: { name, labels: { 'testenv.velero-plugin-for-cert-manager.dev/test': 'true' } } },
      });
    namespace = name;
  },
  afterEach(): void {
    // Namespaces are not deleted: with no namespace controller they would stay Terminating forever
    // anyway, and each name is unique. The whole environment goes at the end of the run.
    namespace = undefined;
  },
};

/** The environment of this run. */
export function testEnv(): TestEnvironment {
  if (!environment)
    throw new Error('no test environment: run the integration tests with --require dist/test/integration/hooks.js');
  return environment;
}

/** A namespace that exists only for the current test. */
export function testNamespace(): string {
  if (!namespace) throw new Error('testNamespace() is available only inside a test');
  return namespace;
}

/** An administrator client configuration for the environment. */
export function adminKubeConfig(): KubeConfig {
  return kubeConfigFromFile(testEnv().kubeconfig);
}
