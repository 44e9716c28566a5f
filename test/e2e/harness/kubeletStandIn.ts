/**
 * What a kubelet would do in a restore cluster where cert-manager itself comes back with the restore
 * (timing a): nothing of cert-manager runs at first; when the restore creates cert-manager's controller
 * Deployment, its process starts a little later, as cert-manager's restored ServiceAccount (a bound token
 * from the TokenRequest API) with leader election on, as the chart deploys it; when the restore creates
 * the webhook Deployment, cert-manager's real webhook starts a little later as its restored
 * cert-manager-webhook ServiceAccount and its Service gets a ready endpoint. So whatever the restore has or has not created by then (CRDs, RBAC, the kube-system
 * leader-election Role, webhook configurations) is what cert-manager really meets.
 *
 * The API server is polled (every POLL_MS): a bare test API server has no kubelet to watch for us, and a
 * quarter of a second is well inside the start delay a real Pod has.
 */
import { join } from 'node:path';
import type { Cluster, ControllerOptions, RunningController, RunningWebhook } from './cluster.js';
import { apiRequest, serviceAccountKubeconfig, type ClusterEndpoint } from './kube.js';
import { sleep } from './proc.js';

const NAMESPACE = 'cert-manager';
const CONTROLLER = { deployment: 'cert-manager', serviceAccount: 'cert-manager' };
const WEBHOOK = {
  deployment: 'cert-manager-webhook',
  service: 'cert-manager-webhook',
  serviceAccount: 'cert-manager-webhook',
  portName: 'https',
};
const WEBHOOK_CONFIGURATION_KINDS = ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations'];
/** TEST-NET-1: the API server refuses loopback endpoint addresses and, with the configurations on a URL, never dials it. */
const WEBHOOK_ENDPOINT_ADDRESS = '192.0.2.10';
const POLL_MS = 250;
/** What the wrapper controller logs once it holds the Lease (hack/testenv/cert-manager-controller/main.go). */
const LEASE_TAKEN_LINE = 'took the leader-election Lease';

/** When things happened, in ms since the stand-in started watching. */
export interface KubeletTimeline {
  controllerDeploymentCreated?: number;
  controllerStarted?: number;
  leaseTaken?: number;
  webhookDeploymentCreated?: number;
  webhookReady?: number;
  /** Webhook configurations the restore created and the stand-in pointed at the running webhook. */
  webhookConfigurationsServed: string[];
}

export interface KubeletStandIn {
  timeline: KubeletTimeline;
  controller(): RunningController | undefined;
  webhook(): RunningWebhook | undefined;
  /** What went wrong starting cert-manager (a start failure is reported, not thrown mid-restore). */
  errors: string[];
  stop(): Promise<void>;
}

export interface KubeletOptions {
  /** How long after its Deployment appears a process starts (image pull, container start). */
  startDelayMs: number;
  /** Flags the controller's Pod would carry besides the chart's own (the ACME path's DNS-01 nameservers). */
  controllerFlags?: Pick<ControllerOptions, 'dns01Nameservers' | 'extraArgs'>;
  log?: (message: string) => void;
}

async function exists(cluster: ClusterEndpoint, path: string): Promise<boolean> {
  return (await apiRequest(cluster, 'GET', path)).status === 200;
}

const deploymentPath = (name: string) => `/apis/apps/v1/namespaces/${NAMESPACE}/deployments/${name}`;

/**
 * A bound token for a restored ServiceAccount. The Pod cannot start before its ServiceAccount exists (no
 * token to mount), so the TokenRequest is retried until the restore has created it.
 */
async function restoredServiceAccountKubeconfig(
  cluster: Cluster,
  serviceAccount: string,
  stopped: () => boolean,
): Promise<string> {
  const file = join(cluster.stateDir, `${serviceAccount}-sa.kubeconfig`);
  for (;;) {
    try {
      return await serviceAccountKubeconfig(cluster.endpoint, NAMESPACE, serviceAccount, file);
    } catch (error) {
      if (stopped() || !String(error).includes('TokenRequest')) throw error;
      await sleep(POLL_MS);
    }
  }
}

/** The controller as the chart runs it. */
async function startControllerAsServiceAccount(
  cluster: Cluster,
  stopped: () => boolean,
  flags: KubeletOptions['controllerFlags'],
): Promise<RunningController> {
  const kubeconfig = await restoredServiceAccountKubeconfig(cluster, CONTROLLER.serviceAccount, stopped);
  // No Gateway API CRDs in a bare cluster (nothing in the backup brings them): gateway-shim off.
  return cluster.startCertManagerController({ ...flags, kubeconfig, leaderElect: true, enableGatewayApi: false });
}

/** Points every cert-manager webhook configuration at the running webhook; returns the ones changed now. */
async function serveWebhookConfigurations(cluster: ClusterEndpoint, webhook: RunningWebhook): Promise<string[]> {
  const changed: string[] = [];
  for (const kind of WEBHOOK_CONFIGURATION_KINDS) {
    const path = `/apis/admissionregistration.k8s.io/v1/${kind}/${WEBHOOK.deployment}`;
    const current = await apiRequest(cluster, 'GET', path);
    if (current.status !== 200) continue;
    const object = current.body as { webhooks?: { clientConfig?: { url?: string; caBundle?: string } }[] };
    const route = kind.startsWith('validating') ? 'validate' : 'mutate';
    const url = `https://127.0.0.1:${webhook.port}/${route}`;
    if ((object.webhooks ?? []).every((hook) => hook.clientConfig?.url === url)) continue;
    for (const hook of object.webhooks ?? []) hook.clientConfig = { url, caBundle: webhook.caBundle };
    const updated = await apiRequest(cluster, 'PUT', path, object);
    if (updated.status === 409) continue; // changed meanwhile: the next poll tries again
    if (updated.status !== 200) throw new Error(`updating ${kind}/${WEBHOOK.deployment}: HTTP ${updated.status}`);
    changed.push(kind);
  }
  return changed;
}

/** The webhook Pod turned ready: its Service gets a ready EndpointSlice and Endpoints (no endpoint controller runs here). */
async function publishWebhookEndpoints(cluster: ClusterEndpoint): Promise<void> {
  const ports = [{ name: WEBHOOK.portName, port: 10250, protocol: 'TCP' }];
  const slice = await apiRequest(cluster, 'POST', `/apis/discovery.k8s.io/v1/namespaces/${NAMESPACE}/endpointslices`, {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: `${WEBHOOK.service}-kubelet`,
      namespace: NAMESPACE,
      labels: { 'kubernetes.io/service-name': WEBHOOK.service },
    },
    addressType: 'IPv4',
    endpoints: [{ addresses: [WEBHOOK_ENDPOINT_ADDRESS], conditions: { ready: true } }],
    ports,
  });
  if (slice.status !== 201) throw new Error(`creating the webhook EndpointSlice: HTTP ${slice.status}`);
  const endpoints = await apiRequest(cluster, 'POST', `/api/v1/namespaces/${NAMESPACE}/endpoints`, {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: WEBHOOK.service, namespace: NAMESPACE },
    subsets: [{ addresses: [{ ip: WEBHOOK_ENDPOINT_ADDRESS }], ports }],
  });
  if (endpoints.status !== 201 && endpoints.status !== 409)
    throw new Error(`creating the webhook Endpoints: HTTP ${endpoints.status}`);
}

/** Starts watching the cluster; call before the restore. */
export function startKubeletStandIn(cluster: Cluster, options: KubeletOptions): KubeletStandIn {
  const started = Date.now();
  const since = () => Date.now() - started;
  const timeline: KubeletTimeline = { webhookConfigurationsServed: [] };
  const errors: string[] = [];
  let controller: RunningController | undefined;
  let webhook: RunningWebhook | undefined;
  const state = { stopped: false };
  const log = options.log ?? (() => undefined);

  const bootController = async () => {
    await sleep(options.startDelayMs);
    if (state.stopped) return;
    controller = await startControllerAsServiceAccount(cluster, () => state.stopped, options.controllerFlags);
    timeline.controllerStarted = since();
    log(`cert-manager's controller started as its restored ServiceAccount (${timeline.controllerStarted} ms)`);
  };
  const bootWebhook = async () => {
    await sleep(options.startDelayMs);
    if (state.stopped) return;
    const kubeconfig = await restoredServiceAccountKubeconfig(cluster, WEBHOOK.serviceAccount, () => state.stopped);
    webhook = await cluster.startCertManagerWebhook({ kubeconfig });
    // Configurations the restore already created are served before the Service turns ready, so a waiting
    // client (the plugin) that sees the endpoint ready also finds the webhook answering.
    timeline.webhookConfigurationsServed.push(...(await serveWebhookConfigurations(cluster.endpoint, webhook)));
    await publishWebhookEndpoints(cluster.endpoint);
    timeline.webhookReady = since();
    log(`cert-manager's webhook ready (${timeline.webhookReady} ms)`);
  };
  const pending: Promise<void>[] = [];
  const record = (what: string) => (error: unknown) => {
    if (!state.stopped) errors.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  };

  const loop = (async () => {
    while (!state.stopped) {
      try {
        if (
          timeline.controllerDeploymentCreated === undefined &&
          (await exists(cluster.endpoint, deploymentPath(CONTROLLER.deployment)))
        ) {
          timeline.controllerDeploymentCreated = since();
          pending.push(bootController().catch(record("starting cert-manager's controller")));
        }
        if (
          timeline.webhookDeploymentCreated === undefined &&
          (await exists(cluster.endpoint, deploymentPath(WEBHOOK.deployment)))
        ) {
          timeline.webhookDeploymentCreated = since();
          pending.push(bootWebhook().catch(record("starting cert-manager's webhook")));
        }
        // Configurations restored after the webhook came up: a real one would answer them at once.
        if (webhook && timeline.webhookReady !== undefined)
          timeline.webhookConfigurationsServed.push(...(await serveWebhookConfigurations(cluster.endpoint, webhook)));
        if (controller && timeline.leaseTaken === undefined && controller.logText().includes(LEASE_TAKEN_LINE))
          timeline.leaseTaken = since();
      } catch (error) {
        record('watching the restore cluster')(error);
      }
      await sleep(POLL_MS);
    }
  })();

  return {
    timeline,
    errors,
    controller: () => controller,
    webhook: () => webhook,
    async stop() {
      state.stopped = true;
      await loop;
      await Promise.all(pending);
      await controller?.stop();
      await webhook?.stop();
    },
  };
}
