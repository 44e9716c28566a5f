import type { Rule } from './types.js';
import { fieldLocation, restoreSpecOf } from './helpers.js';

export const rule: Rule = {
  meta: {
    id: 'CMV046',
    name: 'namespace-mapping-cert-manager',
    severity: 'warning',
    catalogue: 'C7',
    appliesTo: ['restore create', 'Restore manifests'],
    summary: "--namespace-mappings remaps cert-manager's namespace (the cluster resource namespace).",
    why: 'Velero does not rewrite webhook clientConfig.service.namespace, `cert-manager.io/inject-ca-from: ns/name` annotations, or where ClusterIssuers look for their Secrets. The webhook breaks and ClusterIssuers cannot find their keys.',
    fix: 'Do not remap the cert-manager namespace.',
    links: ['https://velero.io/docs/main/restore-reference/'],
    examples: [
      {
        bad: 'velero restore create --from-backup b --namespace-mappings cert-manager:cert-manager-2',
        good: 'velero restore create --from-backup b --namespace-mappings shop:shop-2 --exclude-resources=challenges.acme.cert-manager.io,orders.acme.cert-manager.io,certificaterequests.cert-manager.io,certificates.cert-manager.io',
      },
    ],
  },
  check(subject, ctx) {
    const spec = restoreSpecOf(subject, 'namespaceMapping');
    const mapping = spec?.namespaceMapping;
    if (!mapping) return [];
    const hit = Object.keys(mapping).filter((src) => src === ctx.clusterResourceNamespace || src === 'cert-manager');
    return hit.map((src) => ({
      message: `namespace-mappings moves "${src}" to "${mapping[src]}": webhook service references, inject-ca-from annotations and ClusterIssuer Secret lookups still point at "${src}"`,
      location: fieldLocation(subject, 'namespaceMapping'),
    }));
  },
};
