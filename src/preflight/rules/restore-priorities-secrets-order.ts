import { INGRESSES, SECRETS, isCertManagerResource, resolveResource } from '../resources.js';
import type { Rule, RuleReport } from './types.js';
import { fieldLocation } from './helpers.js';

export const rule: Rule = {
  meta: {
    id: 'CMV060',
    name: 'restore-priorities-secrets-order',
    severity: 'warning',
    catalogue: 'D1',
    appliesTo: ['Velero server Deployment args', 'Helm chart values (configuration.restoreResourcePriorities)'],
    summary:
      '--restore-resource-priorities whose high-priority part lacks secrets, puts a cert-manager type or Ingresses before secrets, or has more than one `-`.',
    why: 'Types outside the high-priority list restore alphabetically AFTER it; if secrets are missing from a custom list they come after certificates.cert-manager.io and cert-manager re-issues every Certificate whose Secret is not there yet. A second `-` keeps the server from starting.',
    fix: 'Keep `secrets` in the high-priority part, before any cert-manager type and ingresses (the default list is correct).',
    links: [
      'https://velero.io/docs/main/restore-reference/#changing-resource-restore-order',
      'https://cert-manager.io/docs/devops-tips/backup/',
    ],
    examples: [
      {
        bad: 'velero server --restore-resource-priorities=customresourcedefinitions,namespaces,certificates.cert-manager.io,secrets',
        good: 'velero server --restore-resource-priorities=customresourcedefinitions,namespaces,secrets,certificates.cert-manager.io',
      },
    ],
  },
  check(subject) {
    const value = subject.serverArgs?.restoreResourcePriorities;
    if (value === undefined) return [];
    const loc = fieldLocation(subject, 'restoreResourcePriorities');
    const items = value.split(',');
    const dashes = items.filter((i) => i === '-').length;
    if (dashes > 1)
      return [
        {
          message: `--restore-resource-priorities has ${dashes} "-" separators: the Velero server refuses to start`,
          location: loc,
          severity: 'error',
        },
      ];
    const high = items.slice(0, dashes ? items.indexOf('-') : items.length).filter((i) => i !== '');
    if (high.length === 0) return [];
    const canon = (i: string) => resolveResource(i)?.canonical ?? i;
    const secretsAt = high.findIndex((i) => canon(i) === SECRETS);
    const out: RuleReport[] = [];
    if (secretsAt < 0) {
      out.push({
        message:
          'the high-priority part of --restore-resource-priorities does not list secrets: Secrets restore alphabetically after certificates.cert-manager.io and Certificates are re-issued',
        location: loc,
        fix: 'add secrets before any cert-manager type',
      });
      return out;
    }
    const early = high.slice(0, secretsAt).filter((i) => isCertManagerResource(canon(i)) || canon(i) === INGRESSES);
    if (early.length)
      out.push({
        message: `--restore-resource-priorities restores ${early.join(', ')} before secrets: cert-manager sees Certificates without Secrets and re-issues them`,
        location: loc,
        fix: 'move secrets before them',
      });
    return out;
  },
};
