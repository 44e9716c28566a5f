/**
 * The test environment's public face: start one (binaries, processes, upstream objects), attach to one
 * another process started, stop it. Used by the mocha global fixture, `npm run testenv:up`, and the
 * end-to-end suite (which may start several, each with its own state directory).
 */
import { TestEnvironment, type StartOptions } from './environment.js';
import { installUpstream, type WebhookMode } from './install.js';
import { upstreamManifests } from './manifests.js';

export { TestEnvironment } from './environment.js';
export { WEBHOOK_OPT_IN_LABEL, kubeConfigFromFile, describeApiError, type WebhookMode } from './install.js';
export { allVersions } from './versions.js';
export { startCertManagerController, type RunningController } from './controller.js';
export { startCertManagerWebhook, type RunningWebhook } from './webhook.js';

export interface EnvironmentOptions extends StartOptions {
  /** Install cert-manager (chart), Velero CRDs and Gateway API CRDs. Default true; false gives an empty cluster. */
  installUpstream?: boolean;
  webhook?: WebhookMode;
}

export async function startTestEnvironment(options: EnvironmentOptions): Promise<TestEnvironment> {
  const log = options.log ?? (() => undefined);
  // Render (or load) the manifests first: a failure there should not leave processes behind.
  const manifests = options.installUpstream === false ? undefined : await upstreamManifests(log);
  const env = await TestEnvironment.start(options);
  try {
    if (manifests) await installUpstream(env.kubeconfig, manifests, options.webhook ?? 'opt-in', log);
  } catch (err) {
    await env.stop();
    throw err;
  }
  return env;
}
