/** The audit on backups a real Velero v1.18.1 server wrote (see testdata/velero-v1.18.1/README.md). */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { auditEntries } from '../../../../src/preflight/audit/audit.js';
import { settleFindings } from '../../../../src/preflight/audit/findings.js';
import { AUDIT_RULES } from '../../../../src/preflight/audit/rules.js';
import { readTarGz } from '../../../../src/preflight/audit/tar.js';

// Test data lives next to the sources (tsc does not copy it to dist/).
const DATA = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../../../test/unit/preflight/audit/testdata/velero-v1.18.1',
);

function audit(name: string) {
  const result = auditEntries(readTarGz(readFileSync(join(DATA, name))), {
    file: name,
    clusterResourceNamespace: 'cert-manager',
  });
  return { ...result, findings: settleFindings(result.findings, AUDIT_RULES, undefined, false) };
}

describe('preflight audit: real Velero v1.18.1 backups', () => {
  it('reads the layout: format version, each item once despite the v1-preferredversion copies', () => {
    const { contents } = audit('full-control.tar.gz');
    expect(contents.formatVersion).to.equal('1.1.0');
    expect(contents.problems).to.deep.equal([]);
    expect(contents.items).to.have.length(116);
    const keys = contents.items.map((i) => `${i.groupResource}/${i.namespace}/${i.name}`);
    expect(new Set(keys).size).to.equal(keys.length);
  });

  it('a plain `velero backup create` on v1.18 without the plugin: no ClusterIssuers, their CRD or the webhooks; ephemeral kinds and a shim Certificate in', () => {
    expect(
      audit('full-control.tar.gz').findings.map((f) =>
        `${f.ruleId} ${f.severity} ${f.subject.kind} ${f.subject.name ?? ''}`.trim(),
      ),
    ).to.deep.equal([
      'CMV101 warning CustomResourceDefinition clusterissuers.cert-manager.io',
      'CMV104 warning Certificate shop/api',
      'CMV104 warning Certificate shop/storefront-tls',
      'CMV105 warning CertificateRequest',
      'CMV105 warning Challenge',
      'CMV105 warning Order',
      'CMV106 warning Certificate shop/storefront-tls',
      'CMV107 info WebhookConfiguration',
      'CMV108 info ClusterRole',
    ]);
  });

  it('a namespace-filtered backup with the plugin: the ClusterIssuer is in, its account key Secret is not (default Secrets policy)', () => {
    const { findings } = audit('shop-only-with-plugin.tar.gz');
    expect(findings.map((f) => `${f.ruleId} ${f.severity}`)).to.deep.equal([
      'CMV103 error',
      'CMV107 info',
      'CMV108 info',
    ]);
    expect(findings[0]!.message).to.equal(
      'ClusterIssuer letsencrypt references Secret cert-manager/letsencrypt-account-key (spec.acme.privateKeySecretRef), which is not in the backup: the ClusterIssuer will not be Ready after the restore (ClusterIssuer Secrets live in the cluster resource namespace "cert-manager")',
    );
  });
});
