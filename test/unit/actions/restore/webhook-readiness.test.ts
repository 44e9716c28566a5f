import { expect } from 'chai';
import type { RestoreAction } from '../../../../src/host/action.js';
import {
  VELERO_TIMEOUT_MARGIN_MS,
  createRestoreWebhookReadiness,
} from '../../../../src/actions/restore/webhook-readiness.js';
import { certificate, clusterIssuer } from '../../certmanager/fixtures.js';
import {
  FakeLookups,
  HELM_INSTALLATION,
  RecordingLogger,
  restoreRequest,
  scopesFor,
  type FakeLookupsOptions,
} from '../helpers.js';

/** Drives the action the way Velero does: Execute, then (if asked) poll readiness once per "second". */
async function restoreItem(
  action: RestoreAction,
  clock: { t: number },
  log: RecordingLogger,
  name: string,
  uid = 'restore-uid-1',
) {
  const item = certificate(name, 'team-a');
  const restore = restoreRequest({}, uid);
  const result = await action.execute({ item, itemFromBackup: item, restore, log });
  let polls = 0;
  if (result.waitForAdditionalItems) {
    const veleroDeadline = clock.t + (result.additionalItemsReadyTimeoutMs ?? 600_000);
    for (;;) {
      polls++;
      if (await action.areAdditionalItemsReady!({ additionalItems: [], restore, log })) break;
      clock.t += 1000;
      if (clock.t > veleroDeadline) throw new Error('Velero would have timed out and reported a restore error');
    }
  }
  return { result, polls };
}

function setup(options: FakeLookupsOptions) {
  const clock = { t: 1_000_000 };
  const lookups = new FakeLookups(options);
  const action = createRestoreWebhookReadiness(scopesFor(lookups), { now: () => clock.t });
  return { clock, lookups, action, log: new RecordingLogger() };
}

describe('actions/restore/webhook-readiness', () => {
  it('does not wait when the webhook already has ready endpoints, and checks only once per restore', async () => {
    const { action, clock, log, lookups } = setup({ installation: HELM_INSTALLATION, ready: [true] });
    for (const name of ['a', 'b', 'c'])
      expect((await restoreItem(action, clock, log, name)).result.waitForAdditionalItems).to.equal(undefined);
    expect(lookups.calls.serviceHasReadyEndpoints).to.equal(1);
  });

  it('waits until the endpoints become ready, then later items do not wait again', async () => {
    const { action, clock, log, lookups } = setup({
      installation: HELM_INSTALLATION,
      ready: [false, false, false, false, true],
    });
    const first = await restoreItem(action, clock, log, 'a');
    expect(first.result.waitForAdditionalItems).to.equal(true);
    expect(first.result.additionalItemsReadyTimeoutMs).to.equal(120_000 + VELERO_TIMEOUT_MARGIN_MS);
    expect(first.polls).to.equal(4);
    expect(log.at('info').some((m) => m.startsWith('waiting up to 120s'))).to.equal(true);
    expect(log.at('info').some((m) => m.includes('ready after 3s'))).to.equal(true);
    const second = await restoreItem(action, clock, log, 'b');
    expect(second.result.waitForAdditionalItems).to.equal(undefined);
    expect(lookups.calls.serviceHasReadyEndpoints).to.equal(5);
  });

  it('gives up at the configured timeout with a warning, before Velero would report an error, and never waits again', async () => {
    const { action, clock, log } = setup({
      installation: HELM_INSTALLATION,
      ready: [false],
      config: { webhookWaitTimeout: '10s' },
    });
    const first = await restoreItem(action, clock, log, 'a');
    expect(first.polls).to.equal(11);
    expect(log.at('warn')).to.have.length(1);
    expect(log.at('warn')[0]).to.contain('still has no ready endpoint after 10s').and.to.contain('webhookWaitTimeout');
    expect((await restoreItem(action, clock, log, 'b')).result.waitForAdditionalItems).to.equal(undefined);
  });

  it('waits again in a new restore', async () => {
    const { action, clock, log } = setup({
      installation: HELM_INSTALLATION,
      ready: [false],
      config: { webhookWaitTimeout: '2s' },
    });
    await restoreItem(action, clock, log, 'a', 'restore-1');
    expect((await restoreItem(action, clock, log, 'a', 'restore-2')).result.waitForAdditionalItems).to.equal(true);
  });

  const noWait: { title: string; options: FakeLookupsOptions }[] = [
    {
      title: 'turned off by webhookWait: "false"',
      options: { installation: HELM_INSTALLATION, ready: [false], config: { webhookWait: 'false' } },
    },
    {
      title: 'turned off through disabledActions',
      options: {
        installation: HELM_INSTALLATION,
        ready: [false],
        config: { disabledActions: 'restore-webhook-readiness' },
      },
    },
    { title: 'cert-manager not installed', options: { ready: [false] } },
    {
      title: 'no webhook configuration live yet (full restore into an empty cluster)',
      options: {
        installation: { ...HELM_INSTALLATION, validatingWebhookConfigurations: [], mutatingWebhookConfigurations: [] },
        ready: [false],
      },
    },
    {
      title: 'webhook served by URL, no Service',
      options: { installation: { ...HELM_INSTALLATION, webhookService: undefined }, ready: [false] },
    },
    { title: 'API unreachable', options: { installation: 'unreachable', ready: [false] } },
  ];
  for (const c of noWait) {
    it(`does not wait: ${c.title}`, async () => {
      const { action, clock, log, lookups } = setup(c.options);
      const { result } = await restoreItem(action, clock, log, 'a');
      expect(result.waitForAdditionalItems).to.equal(undefined);
      expect(lookups.calls.serviceHasReadyEndpoints).to.equal(0);
    });
  }

  it('does not wait when the readiness check itself fails, with a warning', async () => {
    const clock = { t: 0 };
    const lookups = new FakeLookups({ installation: HELM_INSTALLATION });
    lookups.serviceHasReadyEndpoints = () => Promise.reject(new Error('endpointslices is forbidden'));
    const log = new RecordingLogger();
    const action = createRestoreWebhookReadiness(scopesFor(lookups), { now: () => clock.t });
    expect((await restoreItem(action, clock, log, 'a')).result.waitForAdditionalItems).to.equal(undefined);
    expect(log.at('warn')[0]).to.contain('could not check');
  });

  it('applies to cluster-scoped cert-manager objects too', async () => {
    const { action, log } = setup({ installation: HELM_INSTALLATION, ready: [false] });
    const item = clusterIssuer('le', {});
    expect(
      (await action.execute({ item, itemFromBackup: item, restore: restoreRequest(), log })).waitForAdditionalItems,
    ).to.equal(true);
    expect(action.appliesTo.includedResources).to.include('clusterissuers.cert-manager.io');
  });
});
