/**
 * cert-manager's real webhook (hack/testenv/cert-manager-webhook) called by the test API server: its
 * validation rejects what only the webhook checks (the CRD schema admits it), its identity plugin stamps
 * the requester on a new CertificateRequest, and a valid Certificate passes. The test installs its own
 * webhook configurations, scoped to its namespace, so the other suites in the shared environment never
 * reach this webhook.
 */
import { expect } from 'chai';
import { AdmissionregistrationV1Api, CustomObjectsApi } from '@kubernetes/client-node';
import { adminKubeConfig, testEnv, testNamespace } from '../hooks.js';
import { runCommand } from './binaries.js';
import { certManagerCreator } from './cert-manager-objects.js';
import { startCertManagerWebhook, type RunningWebhook } from './index.js';

const GROUP = 'cert-manager.io';

function scopedTo(namespace: string) {
  return { matchLabels: { 'kubernetes.io/metadata.name': namespace } };
}

async function installConfigurations(webhook: RunningWebhook, namespace: string, name: string): Promise<void> {
  const api = adminKubeConfig().makeApiClient(AdmissionregistrationV1Api);
  const clientConfig = (route: string) => ({
    url: `https://127.0.0.1:${webhook.port}/${route}`,
    caBundle: webhook.caBundle,
  });
  const common = {
    admissionReviewVersions: ['v1'],
    sideEffects: 'None',
    failurePolicy: 'Fail',
    timeoutSeconds: 10,
    namespaceSelector: scopedTo(namespace),
  };
  await api.createValidatingWebhookConfiguration({
    body: {
      metadata: { name },
      webhooks: [
        {
          ...common,
          name: 'webhook.cert-manager.io',
          clientConfig: clientConfig('validate'),
          rules: [
            {
              apiGroups: [GROUP, `acme.${GROUP}`],
              apiVersions: ['v1'],
              operations: ['CREATE', 'UPDATE'],
              resources: ['*/*'],
            },
          ],
        },
      ],
    },
  });
  await api.createMutatingWebhookConfiguration({
    body: {
      metadata: { name },
      webhooks: [
        {
          ...common,
          name: 'webhook.cert-manager.io',
          clientConfig: clientConfig('mutate'),
          rules: [
            { apiGroups: [GROUP], apiVersions: ['v1'], operations: ['CREATE'], resources: ['certificaterequests'] },
          ],
        },
      ],
    },
  });
}

async function removeConfigurations(name: string): Promise<void> {
  const api = adminKubeConfig().makeApiClient(AdmissionregistrationV1Api);
  await api.deleteValidatingWebhookConfiguration({ name }).catch(() => undefined);
  await api.deleteMutatingWebhookConfiguration({ name }).catch(() => undefined);
}

/** A PEM certificate signing request for one DNS name (openssl; the key is thrown away). */
async function csrFor(dnsName: string): Promise<string> {
  return runCommand(
    'openssl',
    [
      'req',
      '-new',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      '/dev/null',
      '-subj',
      `/CN=${dnsName}`,
      '-addext',
      `subjectAltName=DNS:${dnsName}`,
    ],
    { timeoutMs: 30_000 },
  );
}

/** The API server's message of a refused request (the client's error carries the Status as its body). */
function rejection(err: unknown): string {
  const body = (err as { body?: unknown }).body;
  try {
    const status = (typeof body === 'string' ? JSON.parse(body) : body) as { message?: string } | undefined;
    if (status?.message) return status.message;
  } catch {
    // not a Status: fall through
  }
  return String(err);
}

describe("testenv: cert-manager's real webhook", function () {
  this.timeout(180_000);
  let webhook: RunningWebhook | undefined;
  let configurations: string | undefined;

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && webhook)
      process.stderr.write(`webhook log tail:\n${webhook.logText().split('\n').slice(-40).join('\n')}\n`);
    if (configurations) await removeConfigurations(configurations);
    await webhook?.stop();
    webhook = undefined;
    configurations = undefined;
  });

  it('validates, defaults and stamps identities as the API server calls it over TLS on loopback', async () => {
    const namespace = testNamespace();
    webhook = await startCertManagerWebhook(testEnv());
    configurations = `testenv-webhook-${namespace}`;
    await installConfigurations(webhook, namespace, configurations);
    const create = certManagerCreator(adminKubeConfig(), namespace);
    const issuerRef = { name: 'ca', kind: 'Issuer', group: GROUP };

    // A 1000-bit RSA key is schema-valid (an integer) but cert-manager's validation refuses it.
    const refused = await create('certificates', 'Certificate', 'too-small', {
      dnsNames: ['small.testenv.example'],
      secretName: 'small-tls',
      privateKey: { algorithm: 'RSA', size: 1000 },
      issuerRef,
    }).then(
      () => undefined,
      (err: unknown) => rejection(err),
    );
    expect(refused, 'the webhook refused the Certificate').to.be.a('string');
    expect(refused).to.match(/admission webhook "webhook\.cert-manager\.io" denied the request/);
    expect(refused).to.match(/spec\.privateKey\.size.*must be between 2048 and 8192 for rsa keyAlgorithm/);

    await create('certificates', 'Certificate', 'fine', {
      dnsNames: ['fine.testenv.example'],
      secretName: 'fine-tls',
      privateKey: { algorithm: 'ECDSA', size: 256 },
      issuerRef,
    });

    const request = Buffer.from(await csrFor('req.testenv.example')).toString('base64');
    await create('certificaterequests', 'CertificateRequest', 'stamped', { request, issuerRef });
    const custom = adminKubeConfig().makeApiClient(CustomObjectsApi);
    const stored = (await custom.getNamespacedCustomObject({
      group: GROUP,
      version: 'v1',
      namespace,
      plural: 'certificaterequests',
      name: 'stamped',
    })) as { spec: { username?: string; groups?: string[] } };
    // The identity plugin writes the requester (the environment's administrator) into the spec.
    expect(stored.spec.username).to.equal('testenv-admin');
    expect(stored.spec.groups).to.include('system:masters');
    expect(webhook.requests, 'admission requests the webhook logged').to.be.at.least(4);
  });
});
