/**
 * Clusters for the end-to-end suite: each one is a test environment (test/integration/testenv: etcd and
 * kube-apiserver on loopback, nothing else) in its own state directory. The source cluster gets
 * cert-manager's chart objects, CRDs and Velero's CRDs; the restore cluster starts empty, like a fresh
 * cluster being rebuilt from a backup. Each API server writes an audit log (Metadata level), from
 * which the suite reads the order Velero created things in.
 *
 * What "no controller-manager, no nodes" means for Velero, and how the suite copes:
 * - restored Pods, ReplicaSets and Deployments are created and stay as they are (nothing schedules or
 *   reconciles them): fine, the suite checks what Velero created, not what would run;
 * - namespaces never finish terminating (no namespace controller): nothing is deleted, every scenario
 *   restores into a fresh cluster;
 * - no `default` ServiceAccount appears in new namespaces: the environment runs without the
 *   ServiceAccount admission plugin, so restored Pods are still accepted.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { endpointFromKubeconfig, type ClusterEndpoint } from './kube.js';
import { repoRoot } from './paths.js';
import type { ControllerOptions, RunningController } from '../../integration/testenv/controller.js';
import type { RunningWebhook } from '../../integration/testenv/webhook.js';

/** How cert-manager's webhook configurations are installed (the test environment's WebhookMode). */
export type WebhookMode = 'opt-in' | 'enforce' | 'absent';

/**
 * cert-manager's real controller and webhook as the test environment starts them: their types only (the
 * module itself is loaded at run time, below).
 */
export type { ControllerOptions, RunningController, RunningWebhook };

/** The part of the test environment's API this suite uses (test/integration/testenv/index.ts). */
interface TestEnvironmentModule {
  startCertManagerController: (env: TestEnvironment, options?: ControllerOptions) => Promise<RunningController>;
  startCertManagerWebhook: (env: TestEnvironment, options?: { kubeconfig?: string }) => Promise<RunningWebhook>;
  startTestEnvironment: (options: {
    stateDir: string;
    stopOnExit?: boolean;
    installUpstream?: boolean;
    webhook?: WebhookMode;
    log?: (message: string) => void;
  }) => Promise<TestEnvironment>;
}

interface TestEnvironment {
  kubeconfig: string;
  state: { auditLog: string };
  stop(options?: { keepStateDir?: boolean }): Promise<void>;
}

/**
 * Loaded at run time from the compiled tree, only when a scenario starts a cluster (proc.ts takes just the
 * command runner from the test environment, statically).
 */
async function testEnvironment(): Promise<TestEnvironmentModule> {
  const entry = join(repoRoot, 'dist', 'test', 'integration', 'testenv', 'index.js');
  if (!existsSync(entry)) throw new Error(`e2e: the test environment is not built (${entry}); run npm run build`);
  return (await import(pathToFileURL(entry).href)) as TestEnvironmentModule;
}

export interface Cluster {
  name: string;
  kubeconfig: string;
  endpoint: ClusterEndpoint;
  auditLog: string;
  stateDir: string;
  /** Starts cert-manager's real controller against this cluster (log in the state directory); stopped with it. */
  startCertManagerController(options?: ControllerOptions): Promise<RunningController>;
  /** Starts cert-manager's real webhook on loopback (log in the state directory); stopped with the cluster. */
  startCertManagerWebhook(options?: { kubeconfig?: string }): Promise<RunningWebhook>;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  /** Install cert-manager's chart objects and the CRDs (cert-manager, Velero, Gateway API). */
  withCertManager: boolean;
  /** How cert-manager's webhook configurations are installed (see the test environment). */
  webhook?: WebhookMode;
  log?: (message: string) => void;
}

export async function startCluster(name: string, workDir: string, options: ClusterOptions): Promise<Cluster> {
  const stateDir = join(workDir, name);
  const { startTestEnvironment, startCertManagerController, startCertManagerWebhook } = await testEnvironment();
  const env = await startTestEnvironment({
    stateDir,
    stopOnExit: true,
    installUpstream: options.withCertManager,
    webhook: options.webhook ?? 'opt-in',
    log: options.log,
  });
  return {
    name,
    kubeconfig: env.kubeconfig,
    endpoint: endpointFromKubeconfig(env.kubeconfig),
    auditLog: env.state.auditLog,
    stateDir,
    startCertManagerController: (controllerOptions) => startCertManagerController(env, controllerOptions),
    startCertManagerWebhook: (webhookOptions) => startCertManagerWebhook(env, webhookOptions),
    stop: () => env.stop({ keepStateDir: true }),
  };
}
