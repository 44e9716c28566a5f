/**
 * cert-manager's real webhook (hack/testenv/cert-manager-webhook) made live in a cluster as a running
 * chart install has it: serving as the chart's cert-manager-webhook ServiceAccount (a bound token from the
 * TokenRequest API; the chart's RBAC lets it create the SubjectAccessReviews its approval check needs),
 * its Service ready, and the chart's webhook configurations calling it (clientConfig pointed at its
 * loopback port, since a bare API server cannot reach a Service there; see makeWebhookReady).
 */
import { join } from 'node:path';
import type { Cluster, RunningWebhook } from './cluster.js';
import { serviceAccountKubeconfig } from './kube.js';
import { makeWebhookReady } from './webhook.js';

/** Starts the webhook; the API server does not call it until makeChartWebhookReady. */
export async function startChartWebhook(cluster: Cluster): Promise<RunningWebhook> {
  const kubeconfig = await serviceAccountKubeconfig(
    cluster.endpoint,
    'cert-manager',
    'cert-manager-webhook',
    join(cluster.stateDir, 'cert-manager-webhook-sa.kubeconfig'),
  );
  return cluster.startCertManagerWebhook({ kubeconfig });
}

/** Starts the webhook and makes it live at once: cert-manager installed and running before the restore. */
export async function startLiveChartWebhook(cluster: Cluster): Promise<RunningWebhook> {
  const webhook = await startChartWebhook(cluster);
  try {
    await makeWebhookReady(cluster.endpoint, webhook);
  } catch (err) {
    await webhook.stop();
    throw err;
  }
  return webhook;
}
