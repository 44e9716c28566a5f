/** Full names of the cert-manager restore actions (see src/actions/names.ts for the plugin's prefix). */
import { PLUGIN_DOMAIN } from '../../certmanager/annotations.js';

export const RESTORE_ACTION_NAMES = {
  skipShimCertificates: `${PLUGIN_DOMAIN}/restore-skip-shim-certificates`,
  webhookReadiness: `${PLUGIN_DOMAIN}/restore-webhook-readiness`,
  certificateDependencies: `${PLUGIN_DOMAIN}/restore-certificate-dependencies`,
  issuerSecrets: `${PLUGIN_DOMAIN}/restore-issuer-secrets`,
  ingressSecrets: `${PLUGIN_DOMAIN}/restore-ingress-secrets`,
  rbacFirst: `${PLUGIN_DOMAIN}/restore-rbac-first`,
} as const;
