import { expect } from 'chai';
import { auditEntries } from '../../../../src/preflight/audit/audit.js';
import { settleFindings, type LiveFinding } from '../../../../src/preflight/audit/findings.js';
import { AUDIT_RULES } from '../../../../src/preflight/audit/rules.js';
import { readTarGz } from '../../../../src/preflight/audit/tar.js';
import * as F from './fixtures.js';
import { veleroBackupTarball, type Obj, type Resource } from './velero-tar.js';

function audit(items: [Resource, Obj][], pluginInstalled = false): LiveFinding[] {
  const entries = readTarGz(veleroBackupTarball(items));
  const result = auditEntries(entries, { file: 'b.tar.gz', clusterResourceNamespace: 'cert-manager' });
  return settleFindings(result.findings, AUDIT_RULES, undefined, pluginInstalled);
}

const brief = (findings: LiveFinding[]) =>
  findings.map((f) => `${f.ruleId} ${f.severity} ${f.subject.kind}${f.subject.name ? ` ${f.subject.name}` : ''}`);

describe('preflight audit: backup contents', () => {
  it('a complete backup has only the informational inventory findings', () => {
    const findings = audit(F.healthyBackup());
    expect(brief(findings)).to.deep.equal(['CMV107 info WebhookConfiguration', 'CMV108 info ClusterRole']);
    expect(findings[0]!.message).to.contain('ValidatingWebhookConfiguration cert-manager-webhook');
    expect(findings[1]!.message).to.contain('1 ClusterRoles, 0 ClusterRoleBindings');
  });

  it('a namespace-filtered backup: CRDs, ClusterIssuer and its Secrets, webhooks and RBAC missing', () => {
    const items = F.healthyBackup().filter(
      ([r, o]) =>
        r !== 'customresourcedefinitions.apiextensions.k8s.io' ||
        ['certificates.cert-manager.io', 'issuers.cert-manager.io'].includes(o.metadata.name),
    );
    const kept = items.filter(
      ([r, o]) =>
        !r.startsWith('clusterissuers') &&
        !r.startsWith('validating') &&
        !r.startsWith('clusterroles') &&
        o.metadata.namespace !== 'cert-manager',
    );
    const findings = audit(kept);
    expect(brief(findings)).to.deep.equal([
      'CMV101 warning CustomResourceDefinition certificaterequests.cert-manager.io',
      'CMV101 warning CustomResourceDefinition challenges.acme.cert-manager.io',
      'CMV101 warning CustomResourceDefinition clusterissuers.cert-manager.io',
      'CMV101 warning CustomResourceDefinition orders.acme.cert-manager.io',
      'CMV104 warning Certificate app/web',
      'CMV107 info WebhookConfiguration',
      'CMV108 info ClusterRole',
    ]);
    expect(findings[4]!.message).to.equal(
      'Certificate app/web is issued by ClusterIssuer letsencrypt, which is not in the backup',
    );
    expect(findings[5]!.message).to.contain('not in the backup');
  });

  it('Secrets filtered out: every Certificate and issuer Secret is named, ClusterIssuer ones in the cluster resource namespace', () => {
    const findings = audit(F.healthyBackup().filter(([r]) => r !== 'secrets'));
    const errors = findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.message)).to.deep.equal([
      'Certificate app/internal references Secret app/internal-tls (spec.secretName), which is not in the backup: the Certificate will be issued again on restore (new key, new order)',
      'Certificate app/web references Secret app/web-tls (spec.secretName), which is not in the backup: the Certificate will be issued again on restore (new key, new order)',
      'ClusterIssuer letsencrypt references Secret cert-manager/cloudflare-token (spec.acme.solvers[0].dns01.cloudflare.apiTokenSecretRef), which is not in the backup: the ClusterIssuer will not be Ready after the restore (ClusterIssuer Secrets live in the cluster resource namespace "cert-manager")',
      'ClusterIssuer letsencrypt references Secret cert-manager/letsencrypt-account (spec.acme.privateKeySecretRef), which is not in the backup: the ClusterIssuer will not be Ready after the restore (ClusterIssuer Secrets live in the cluster resource namespace "cert-manager")',
      'Issuer app/ca references Secret app/ca-key-pair (spec.ca.secretName), which is not in the backup: the Issuer will not be Ready after the restore',
    ]);
    expect(errors.map((f) => f.ruleId)).to.deep.equal(['CMV102', 'CMV102', 'CMV103', 'CMV103', 'CMV103']);
  });

  it('uses the cluster resource namespace the plugin recorded on a ClusterIssuer', () => {
    const items = F.healthyBackup().map(([r, o]): [Resource, Obj] =>
      r === 'clusterissuers.cert-manager.io'
        ? [
            r,
            {
              ...o,
              metadata: {
                ...o.metadata,
                annotations: { 'velero-plugin-for-cert-manager.dev/cluster-resource-namespace': 'kube-system' },
              },
            },
          ]
        : [r, o],
    );
    const errors = audit(items).filter((f) => f.ruleId === 'CMV103');
    expect(errors.map((f) => f.message.split(' (')[0])).to.deep.equal([
      'ClusterIssuer letsencrypt references Secret kube-system/cloudflare-token',
      'ClusterIssuer letsencrypt references Secret kube-system/letsencrypt-account',
    ]);
  });

  it('ephemeral kinds and shim Certificates are reported, and drop to info when the plugin is installed', () => {
    const items: [Resource, Obj][] = [
      ...F.healthyBackup(),
      [
        'certificaterequests.cert-manager.io',
        { apiVersion: 'cert-manager.io/v1', kind: 'CertificateRequest', metadata: { name: 'web-1', namespace: 'app' } },
      ],
      [
        'certificaterequests.cert-manager.io',
        {
          apiVersion: 'cert-manager.io/v1',
          kind: 'CertificateRequest',
          metadata: { name: 'internal-1', namespace: 'app' },
        },
      ],
      [
        'orders.acme.cert-manager.io',
        { apiVersion: 'acme.cert-manager.io/v1', kind: 'Order', metadata: { name: 'web-1-123', namespace: 'app' } },
      ],
      F.certificate(
        'app',
        'shop-tls',
        { secretName: 'shop-tls', issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' } },
        F.ingressOwner('shop'),
      ),
      F.secret('app', 'shop-tls'),
    ];
    const without = audit(items);
    expect(brief(without).filter((b) => !b.startsWith('CMV107') && !b.startsWith('CMV108'))).to.deep.equal([
      'CMV105 warning CertificateRequest',
      'CMV105 warning Order',
      'CMV106 warning Certificate app/shop-tls',
    ]);
    expect(without[0]!.message).to.equal(
      'the backup holds 2 CertificateRequests (app/internal-1, app/web-1): restoring them replays issuance or blocks renewals',
    );
    expect(without[2]!.message).to.contain('controlled by Ingress app/shop');
    const withPlugin = audit(items, true).filter((f) => f.ruleId === 'CMV105' || f.ruleId === 'CMV106');
    expect(withPlugin.map((f) => [f.severity, f.pluginHandled])).to.deep.equal([
      ['info', true],
      ['info', true],
      ['info', true],
    ]);
  });

  it('a backup without cert-manager says so', () => {
    expect(brief(audit([F.secret('app', 'x')]))).to.deep.equal(['CMV109 warning Backup']);
  });

  it('objects whose CRD is missing make that CRD finding an error', () => {
    const items = F.healthyBackup().filter(
      ([r, o]) => !(r.startsWith('customresourcedefinitions') && o.metadata.name === 'clusterissuers.cert-manager.io'),
    );
    expect(brief(audit(items)).filter((b) => b.startsWith('CMV101'))).to.deep.equal([
      'CMV101 error CustomResourceDefinition clusterissuers.cert-manager.io',
    ]);
  });
});
