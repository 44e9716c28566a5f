/**
 * What the plugin promises after a restore, as assertions on one measured outcome column: shared by the
 * outcome test (the pinned cert-manager) and the compatibility test (an older one).
 */
import { expect } from 'chai';
import type { OutcomeColumn } from './outcome.js';

/**
 * Nothing reissued or re-signed, no ACME order placed again, no Secret overwritten, the shim Certificate
 * follows its restored Ingress.
 */
export function expectPluginPromiseKept({ outcome, shim, restorePhase, acmeOrdersAfterRestore }: OutcomeColumn): void {
  expect(restorePhase).to.be.oneOf(['Completed', 'PartiallyFailed']);
  expect(outcome.settleTimedOut, 'settled').to.equal(false);
  expect(outcome.certificatesNotReady).to.deep.equal([]);
  expect(outcome.certificatesReissued).to.deep.equal([]);
  expect(outcome.requestsCreatedAfterRestore).to.equal(0);
  expect(outcome.restoredRequestsResigned).to.equal(0);
  expect(outcome.secretsOverwritten).to.deep.equal([]);
  // Every scenario that loads the ACME Certificate measures this (the outcome in both timings, the compatibility table).
  if (acmeOrdersAfterRestore !== undefined)
    expect(acmeOrdersAfterRestore, 'ACME orders placed at the ACME CA').to.equal(0);
  expect(shim.follows, 'shim follows').to.equal(true);
  expect(shim.ownedByRestoredIngress, 'shim owned by the restored Ingress').to.equal(true);
}
