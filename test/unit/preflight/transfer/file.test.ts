import { expect } from 'chai';
import yaml from 'js-yaml';
import {
  ConfigurationFileError,
  parseConfigurationFile,
  renderConfigurationFile,
} from '../../../../src/preflight/transfer/file.js';
import type { KubeObject } from '../../../../src/preflight/audit/findings.js';

const secret: KubeObject = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'ca-key-pair', namespace: 'team-a' },
  type: 'kubernetes.io/tls',
  data: { 'tls.crt': 'Y3J0', 'tls.key': 'a2V5' },
};
const issuer: KubeObject = {
  apiVersion: 'cert-manager.io/v1',
  kind: 'Issuer',
  metadata: { name: 'ca', namespace: 'team-a' },
  spec: { ca: { secretName: 'ca-key-pair' } },
};
const cert: KubeObject = {
  apiVersion: 'cert-manager.io/v1',
  kind: 'Certificate',
  metadata: { name: 'web', namespace: 'team-a' },
  spec: { secretName: 'web-tls', issuerRef: { name: 'ca' } },
};

function refusal(text: string): string[] {
  try {
    parseConfigurationFile(text, 'f.yaml');
  } catch (err) {
    expect(err).to.be.instanceOf(ConfigurationFileError);
    return [...(err as ConfigurationFileError).reasons];
  }
  throw new Error('the file was accepted');
}

describe('preflight/transfer/file', () => {
  it('round-trips an export in apply order, whatever the input order', () => {
    const text = renderConfigurationFile([cert, issuer, secret], 'context test (https://127.0.0.1:1)');
    expect(text.trimEnd().split('\n').at(-1)).to.equal('# end of velero-cm-preflight export: 3 objects');
    const parsed = parseConfigurationFile(text, 'f.yaml');
    expect(parsed).to.deep.equal([secret, issuer, cert]);
  });

  it('refuses an export cut short, even at a document boundary, and one whose count was changed', () => {
    const text = renderConfigurationFile([secret, issuer, cert], 'ctx');
    const cut = text.slice(0, text.indexOf('kind: Certificate'));
    expect(refusal(cut).join('\n')).to.contain('cut short');
    const boundary = text.slice(0, text.lastIndexOf('---\n'));
    expect(refusal(boundary).join('\n')).to.contain('cut short');
    const extra = `---\n${yaml.dump({ ...issuer, metadata: { name: 'x', namespace: 'team-a' } })}`;
    const edited = text.replace('# end of', `${extra}# end of`);
    expect(refusal(edited).join('\n')).to.contain('the end marker counts 3 objects but the file holds 4');
  });

  it("reads the guide's kubectl get List and strips nothing yet (import strips after the shim check)", () => {
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [{ ...cert, metadata: { ...cert.metadata, uid: 'u', resourceVersion: '1' }, status: {} }, issuer],
      metadata: { resourceVersion: '' },
    };
    const parsed = parseConfigurationFile(yaml.dump(list), 'backup.yaml');
    expect(parsed.map((o) => o.kind)).to.deep.equal(['Issuer', 'Certificate']);
    expect(parsed[1]?.metadata.uid).to.equal('u');
  });

  it('lists every wrong document at once: foreign kinds, working state, no namespace, no spec, duplicates', () => {
    const docs = [
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'a' }, spec: {} },
      { apiVersion: 'acme.cert-manager.io/v1', kind: 'Order', metadata: { name: 'o', namespace: 'a' }, spec: {} },
      { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'c' }, spec: {} },
      { apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: { name: 'i', namespace: 'a' } },
      issuer,
      issuer,
      'just text',
    ];
    const reasons = refusal(docs.map((d) => yaml.dump(d)).join('---\n'));
    expect(reasons).to.deep.equal([
      "document 1 (apps/v1 Deployment a/d): not part of cert-manager's configuration (import applies v1 Secrets and ServiceAccounts, and cert-manager.io Issuers, ClusterIssuers and Certificates)",
      "document 2 (acme.cert-manager.io/v1 Order a/o): Orders are cert-manager's own working state, never copied: leave them out of the file",
      'document 3 (cert-manager.io/v1 Certificate c): has no metadata.namespace (import does not guess one)',
      'document 4 (cert-manager.io/v1 Issuer a/i): has no spec',
      'document 6 (cert-manager.io/v1 Issuer team-a/ca): appears twice',
      'document 7: not a Kubernetes object (apiVersion, kind and metadata.name are required)',
    ]);
  });

  it('refuses invalid YAML and an empty file', () => {
    expect(refusal('a: [\n')[0]).to.match(/^not valid YAML: /);
    expect(refusal('\n---\n')).to.deep.equal(['holds no objects']);
  });
});
