/**
 * restore-webhook-readiness: before the first cert-manager object of a restore is created in a cluster
 * whose cert-manager webhook configurations are live, wait until the webhook Service has a ready
 * endpoint. Otherwise the API server rejects the object ("failed calling webhook
 * "webhook.cert-manager.io" ... no endpoints available") and the restore partially fails.
 *
 * The wait uses Velero's own mechanism: Execute answers waitForAdditionalItems, and Velero polls
 * areAdditionalItemsReady every second before creating the item. This action bounds the wait itself
 * (configuration `webhookWaitTimeout`, default 2m): after its deadline it answers "ready" with a clear
 * warning, and Velero's own timeout is set beyond that deadline, so a cold webhook costs a warning,
 * never a restore error. Once the webhook was seen ready, or the wait gave up, no later item of the
 * same restore waits again. `webhookWait: "false"` turns the wait off.
 */
import type { ActionLogger, RestoreAction } from '../../host/action.js';
import { ALL_TYPES, groupResource } from '../../certmanager/kinds.js';
import type { NamespacedName } from '../../kube/types.js';
import { defineRestoreAction } from '../define.js';
import type { RunScope, RunScopes } from '../run-scope.js';
import { RESTORE_ACTION_NAMES } from './names.js';

/** Velero's own deadline is ours plus this, so our deadline always ends the wait first. */
export const VELERO_TIMEOUT_MARGIN_MS = 30_000;

export type WebhookWaitState =
  | { phase: 'unchecked' }
  | { phase: 'waiting'; service: NamespacedName; startedAt: number; deadline: number }
  | { phase: 'done'; outcome: 'ready' | 'timed-out' | 'no-live-webhook' | 'unknown' };

const STATE_KEY = 'webhook-readiness';

function stateOf(scope: RunScope): WebhookWaitState {
  return (scope.actionState.get(STATE_KEY) as WebhookWaitState | undefined) ?? { phase: 'unchecked' };
}

function setState(scope: RunScope, state: WebhookWaitState): void {
  scope.actionState.set(STATE_KEY, state);
}

const describeService = (service: NamespacedName) => `${service.namespace}/${service.name}`;

async function endpointsReady(
  scope: RunScope,
  service: NamespacedName,
  log: ActionLogger,
): Promise<boolean | undefined> {
  try {
    return await scope.lookups.serviceHasReadyEndpoints(service);
  } catch (error) {
    log.warn(
      `could not check the cert-manager webhook Service ${describeService(service)} for ready endpoints; not waiting for it`,
      {
        reason: error instanceof Error ? error.message : String(error),
      },
    );
    return undefined;
  }
}

export interface WebhookReadinessOptions {
  /** The clock, replaceable in tests. */
  now?: () => number;
}

export function createRestoreWebhookReadiness(scopes: RunScopes, options: WebhookReadinessOptions = {}): RestoreAction {
  const now = options.now ?? Date.now;
  return defineRestoreAction(
    {
      name: RESTORE_ACTION_NAMES.webhookReadiness,
      description:
        "Before the first cert-manager object is restored into a cluster with a live cert-manager webhook, waits (bounded, default 2m) for the webhook Service's endpoints to be ready.",
      appliesTo: { includedResources: ALL_TYPES.map(groupResource) },
    },
    scopes,
    async ({ item, scope, config, log }) => {
      if (!config.webhookWait) return { item };
      const state = stateOf(scope);
      if (state.phase === 'done') return { item };
      if (state.phase === 'waiting') {
        // Another item asked while a wait is under way (concurrent calls): share its deadline.
        return {
          item,
          waitForAdditionalItems: true,
          additionalItemsReadyTimeoutMs: Math.max(0, state.deadline - now()) + VELERO_TIMEOUT_MARGIN_MS,
        };
      }
      const lookup = await scope.installation(log);
      const installation = lookup.status === 'found' ? lookup.installation : undefined;
      const service = installation?.webhookService;
      const live =
        (installation?.validatingWebhookConfigurations.length ?? 0) +
          (installation?.mutatingWebhookConfigurations.length ?? 0) >
        0;
      if (!installation || !service || !live) {
        setState(scope, { phase: 'done', outcome: lookup.status === 'unavailable' ? 'unknown' : 'no-live-webhook' });
        log.debug(
          'no live cert-manager webhook configuration in the cluster; cert-manager objects are restored without waiting',
        );
        return { item };
      }
      const ready = await endpointsReady(scope, service, log);
      if (ready !== false) {
        setState(scope, { phase: 'done', outcome: ready ? 'ready' : 'unknown' });
        if (ready) log.debug('cert-manager webhook has ready endpoints', { service: describeService(service) });
        return { item };
      }
      const startedAt = now();
      setState(scope, { phase: 'waiting', service, startedAt, deadline: startedAt + config.webhookWaitTimeoutMs });
      log.info(
        `waiting up to ${Math.round(config.webhookWaitTimeoutMs / 1000)}s for the cert-manager webhook Service ${describeService(service)} to have ready endpoints before restoring cert-manager objects`,
        { service: describeService(service), timeoutSeconds: config.webhookWaitTimeoutMs / 1000 },
      );
      return {
        item,
        waitForAdditionalItems: true,
        additionalItemsReadyTimeoutMs: config.webhookWaitTimeoutMs + VELERO_TIMEOUT_MARGIN_MS,
      };
    },
    async ({ scope, log }) => {
      const state = stateOf(scope);
      if (state.phase !== 'waiting') return true;
      const ready = await endpointsReady(scope, state.service, log);
      const waitedSeconds = Math.round((now() - state.startedAt) / 1000);
      if (ready !== false) {
        setState(scope, { phase: 'done', outcome: ready ? 'ready' : 'unknown' });
        if (ready)
          log.info(`cert-manager webhook is ready after ${waitedSeconds}s; restoring cert-manager objects`, {
            service: describeService(state.service),
          });
        return true;
      }
      if (now() >= state.deadline) {
        setState(scope, { phase: 'done', outcome: 'timed-out' });
        log.warn(
          `cert-manager webhook Service ${describeService(state.service)} still has no ready endpoint after ${waitedSeconds}s; restoring anyway. ` +
            'cert-manager objects may be rejected with "failed calling webhook"; check the webhook Deployment, or raise webhookWaitTimeout',
          { service: describeService(state.service), waitedSeconds },
        );
        return true;
      }
      return false;
    },
  );
}
