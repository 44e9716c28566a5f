/** Full names of the cert-manager backup actions (see src/actions/names.ts for the plugin's prefix). */
import { PLUGIN_DOMAIN } from '../../certmanager/annotations.js';

export const BACKUP_ACTION_NAMES = {
  skipShimCertificates: `${PLUGIN_DOMAIN}/backup-skip-shim-certificates`,
  certificateIssuer: `${PLUGIN_DOMAIN}/backup-certificate-issuer`,
  certificateSecrets: `${PLUGIN_DOMAIN}/backup-certificate-secrets`,
  issuerSecrets: `${PLUGIN_DOMAIN}/backup-issuer-secrets`,
  crds: `${PLUGIN_DOMAIN}/backup-crds`,
  rbacAndWebhooks: `${PLUGIN_DOMAIN}/backup-rbac-and-webhooks`,
} as const;
