/**
 * The cert-manager restore actions, in the order Velero should run them for an item: skips first (a
 * skipped item runs no further action), then the bounded webhook wait, then the actions that restore
 * dependencies first.
 */
import type { RestoreAction } from '../../host/action.js';
import type { RunScopes } from '../run-scope.js';
import { createRestoreCertificateDependencies } from './certificate-dependencies.js';
import { createRestoreIngressSecrets } from './ingress-secrets.js';
import { createRestoreIssuerSecrets } from './issuer-secrets.js';
import { createRestoreRbacFirst } from './rbac-first.js';
import { createRestoreSkipShimCertificates } from './skip-shim-certificates.js';
import { createRestoreWebhookReadiness } from './webhook-readiness.js';

export function createCertManagerRestoreActions(scopes: RunScopes): RestoreAction[] {
  return [
    createRestoreSkipShimCertificates(scopes),
    createRestoreWebhookReadiness(scopes),
    createRestoreCertificateDependencies(scopes),
    createRestoreIssuerSecrets(scopes),
    createRestoreIngressSecrets(scopes),
    createRestoreRbacFirst(scopes),
  ];
}
