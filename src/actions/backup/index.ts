/**
 * The cert-manager backup actions, in the order Velero should run them for an item: dependencies are
 * handed out before an item can be marked to skip, because Velero >= 1.18.1 runs no further action on
 * a skipped item (a shim Certificate's Secret and issuer must still come along).
 */
import type { BackupAction } from '../../host/action.js';
import { createBackupCertificateIssuer } from './certificate-issuer.js';
import { createBackupCertificateSecrets } from './certificate-secrets.js';
import { createBackupCrds } from './crds.js';
import { createBackupIssuerSecrets } from './issuer-secrets.js';
import { createBackupRbacAndWebhooks } from './rbac-and-webhooks.js';
import type { RunScopes } from '../run-scope.js';
import { createBackupSkipShimCertificates } from './skip-shim-certificates.js';

export function createCertManagerBackupActions(scopes: RunScopes): BackupAction[] {
  return [
    createBackupCrds(scopes),
    createBackupCertificateSecrets(scopes),
    createBackupCertificateIssuer(scopes),
    createBackupIssuerSecrets(scopes),
    createBackupRbacAndWebhooks(scopes),
    createBackupSkipShimCertificates(scopes),
  ];
}
