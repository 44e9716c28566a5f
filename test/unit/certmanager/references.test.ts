import { expect } from 'chai';
import {
  DNS01_PROVIDER_SECRET_FIELDS,
  ISSUER_TYPE_SECRET_FIELDS,
  certificateIssuerReference,
  certificateSecretReferences,
  isCertManagerIssuer,
  isIssuerObject,
  issuerSecretReferences,
  issuerServiceAccountReferences,
  opaqueDns01Solvers,
} from '../../../src/certmanager/references.js';
import { ISSUER_FIXTURES, certificate, clusterIssuer, issuer } from './fixtures.js';

describe('certmanager/references', () => {
  describe('issuerSecretReferences', () => {
    for (const fixture of ISSUER_FIXTURES) {
      it(`finds every Secret of: ${fixture.title}`, () => {
        const names = issuerSecretReferences(issuer('i', 'team-a', fixture.spec)).map((ref) => ref.name);
        expect(names).to.have.members(fixture.secrets);
        expect(names).to.have.length(fixture.secrets.length);
      });
      it(`finds every ServiceAccount of: ${fixture.title}`, () => {
        const names = issuerServiceAccountReferences(clusterIssuer('c', fixture.spec)).map((ref) => ref.name);
        expect(names).to.have.members(fixture.serviceAccounts ?? []);
      });
    }

    it('has a fixture for every issuer type and every DNS01 provider it knows', () => {
      const specs = ISSUER_FIXTURES.map((f) => f.spec);
      for (const type of Object.keys(ISSUER_TYPE_SECRET_FIELDS)) {
        expect(
          specs.some((spec) => type in spec),
          type,
        ).to.equal(true);
      }
      for (const provider of Object.keys(DNS01_PROVIDER_SECRET_FIELDS)) {
        const used = specs.some((spec) => JSON.stringify(spec).includes(`"dns01":{"${provider}"`));
        expect(used, provider).to.equal(true);
      }
    });

    it('reports the field path and key of each reference', () => {
      const spec = {
        acme: {
          privateKeySecretRef: { name: 'acct' },
          solvers: [{ http01: {} }, { dns01: { cloudflare: { apiTokenSecretRef: { name: 'cf', key: 'token' } } } }],
        },
      };
      expect(issuerSecretReferences(spec)).to.deep.equal([
        { name: 'acct', field: 'spec.acme.privateKeySecretRef' },
        { name: 'cf', key: 'token', field: 'spec.acme.solvers[1].dns01.cloudflare.apiTokenSecretRef' },
      ]);
    });

    it('accepts a bare spec as well as the object', () => {
      const spec = { ca: { secretName: 'root' } };
      expect(issuerSecretReferences(spec)).to.deep.equal(issuerSecretReferences(issuer('x', 'ns', spec)));
    });

    it('tolerates malformed specs without throwing', () => {
      const broken = [
        {},
        { acme: 'nope' },
        { acme: { solvers: 'nope' } },
        { acme: { solvers: [null, 3, { dns01: null }, { dns01: { route53: 'x' } }] } },
        { vault: { auth: { tokenSecretRef: 'name-as-string' } } },
        { ca: { secretName: 42 } },
      ];
      for (const spec of broken) expect(issuerSecretReferences(spec)).to.deep.equal([]);
    });

    it('names DNS01 webhook solvers whose Secrets it cannot know', () => {
      const webhook = ISSUER_FIXTURES.find((f) => f.title.startsWith('DNS01 webhook'));
      expect(opaqueDns01Solvers(webhook!.spec)).to.deep.equal(['spec.acme.solvers[0].dns01.webhook']);
      expect(opaqueDns01Solvers(ISSUER_FIXTURES[0]!.spec)).to.deep.equal([]);
    });
  });

  describe('certificate references', () => {
    it('returns spec.secretName and both keystore password Secrets', () => {
      const cert = certificate('web', 'team-a', {
        keystores: {
          jks: { create: true, passwordSecretRef: { name: 'jks-pass', key: 'password' } },
          pkcs12: { create: true, passwordSecretRef: { name: 'p12-pass', key: 'password' } },
        },
      });
      expect(certificateSecretReferences(cert)).to.deep.equal([
        { name: 'web-tls', field: 'spec.secretName' },
        { name: 'jks-pass', key: 'password', field: 'spec.keystores.jks.passwordSecretRef' },
        { name: 'p12-pass', key: 'password', field: 'spec.keystores.pkcs12.passwordSecretRef' },
      ]);
    });

    it('ignores inline keystore passwords and de-duplicates', () => {
      const cert = certificate('web', 'team-a', {
        secretName: 'shared',
        keystores: {
          jks: { create: true, password: 'inline' },
          pkcs12: { create: true, passwordSecretRef: { name: 'shared', key: 'p' } },
        },
      });
      expect(certificateSecretReferences(cert).map((r) => r.name)).to.deep.equal(['shared']);
    });

    const issuerRefCases: {
      title: string;
      ref: Record<string, string>;
      expected: { name: string; kind: string; group: string };
      ours: boolean;
    }[] = [
      {
        title: 'defaults kind and group',
        ref: { name: 'a' },
        expected: { name: 'a', kind: 'Issuer', group: 'cert-manager.io' },
        ours: true,
      },
      {
        title: 'ClusterIssuer',
        ref: { name: 'b', kind: 'ClusterIssuer' },
        expected: { name: 'b', kind: 'ClusterIssuer', group: 'cert-manager.io' },
        ours: true,
      },
      {
        title: 'external issuer',
        ref: { name: 'c', kind: 'AWSPCAClusterIssuer', group: 'awspca.cert-manager.io' },
        expected: { name: 'c', kind: 'AWSPCAClusterIssuer', group: 'awspca.cert-manager.io' },
        ours: false,
      },
      {
        title: 'empty kind and group strings default',
        ref: { name: 'd', kind: '', group: '' },
        expected: { name: 'd', kind: 'Issuer', group: 'cert-manager.io' },
        ours: true,
      },
    ];
    for (const c of issuerRefCases) {
      it(`issuerRef: ${c.title}`, () => {
        const ref = certificateIssuerReference(certificate('x', 'ns', { issuerRef: c.ref }));
        expect(ref).to.deep.equal(c.expected);
        expect(isCertManagerIssuer(ref!)).to.equal(c.ours);
      });
    }

    it('has no issuer reference without a name', () => {
      expect(certificateIssuerReference(certificate('x', 'ns', { issuerRef: { kind: 'Issuer' } }))).to.equal(undefined);
    });
  });

  it('recognises Issuer and ClusterIssuer objects only', () => {
    expect(isIssuerObject(issuer('a', 'b', {}))).to.equal(true);
    expect(isIssuerObject(clusterIssuer('a', {}))).to.equal(true);
    expect(isIssuerObject(certificate('a', 'b'))).to.equal(false);
    expect(isIssuerObject({ apiVersion: 'example.com/v1', kind: 'Issuer', metadata: {} })).to.equal(false);
  });
});
