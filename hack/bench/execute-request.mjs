/**
 * The Execute request the bench scripts send: a 2 KiB ACME Order like bench_test.go's (spec.request, a CSR,
 * padded to the size) for the backup action that leaves Orders out, within one Backup.
 */
const order = {
  apiVersion: 'acme.cert-manager.io/v1',
  kind: 'Order',
  metadata: { name: 'web-1-123', namespace: 'apps', uid: '0b6b1a4e-2f7d-4c55-9f5a-7d1b8e0c2a11' },
  spec: { request: '', issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer', group: 'cert-manager.io' } },
  status: { state: 'pending' },
};
order.spec.request = 'TUlJQ2lqQ0NBWElDQVFBd0ZURVRNQkVH'.repeat(64).slice(0, 2048 - JSON.stringify(order).length);

export const backupExecuteRequest = {
  plugin: 'velero-plugin-for-cert-manager.dev/backup-skip-ephemeral',
  item: Buffer.from(JSON.stringify(order)),
  backup: Buffer.from(
    JSON.stringify({ apiVersion: 'velero.io/v1', kind: 'Backup', metadata: { name: 'nightly', uid: 'b-1' } }),
  ),
};
