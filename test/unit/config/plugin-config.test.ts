import { expect } from 'chai';
import {
  ConfigError,
  DEFAULT_CONFIG,
  isActionEnabled,
  parseDurationMs,
  parsePluginConfig,
} from '../../../src/config/plugin-config.js';
import { loadPluginConfig } from '../../../src/config/load.js';

const KNOWN = [
  'velero-plugin-for-cert-manager.dev/backup-crds',
  'velero-plugin-for-cert-manager.dev/restore-webhook-readiness',
];

describe('config/plugin-config', () => {
  it('defaults every key', () => {
    const { config, warnings } = parsePluginConfig({});
    expect(config).to.deep.include({
      keepCertificateRequests: false,
      forceSecrets: false,
      webhookWait: true,
      webhookWaitTimeoutMs: 120_000,
    });
    expect(config.certManagerNamespace).to.equal(undefined);
    expect(config.clusterResourceNamespace).to.equal(undefined);
    expect([...config.disabledActions]).to.deep.equal([]);
    expect(warnings).to.deep.equal([]);
  });

  const valid: {
    title: string;
    data: Record<string, string>;
    check: (c: ReturnType<typeof parsePluginConfig>['config']) => unknown;
  }[] = [
    {
      title: 'booleans in any case, with spaces',
      data: { forceSecrets: ' TRUE ', keepCertificateRequests: 'True', webhookWait: 'false' },
      check: (c) => [c.forceSecrets, c.keepCertificateRequests, c.webhookWait],
    },
    {
      title: 'namespaces',
      data: {
        certManagerNamespace: 'security',
        clusterResourceNamespace: 'cm-secrets',
        leaderElectionNamespace: 'leases',
      },
      check: (c) => [c.certManagerNamespace, c.clusterResourceNamespace, c.leaderElectionNamespace],
    },
    { title: 'empty namespace means unset', data: { certManagerNamespace: '' }, check: (c) => c.certManagerNamespace },
    { title: 'Go durations', data: { webhookWaitTimeout: '1m30s' }, check: (c) => c.webhookWaitTimeoutMs },
    {
      title: 'short and full action names',
      data: { disabledActions: 'backup-crds, velero-plugin-for-cert-manager.dev/restore-webhook-readiness,' },
      check: (c) => [...c.disabledActions],
    },
  ];
  const expected: unknown[] = [
    [true, true, false],
    ['security', 'cm-secrets', 'leases'],
    undefined,
    90_000,
    ['backup-crds', 'restore-webhook-readiness'],
  ];
  valid.forEach((c, i) => {
    it(`parses ${c.title}`, () => {
      const { config, warnings } = parsePluginConfig(c.data, { knownActionNames: KNOWN });
      expect(c.check(config)).to.deep.equal(expected[i]);
      expect(warnings).to.deep.equal([]);
    });
  });

  const malformed: { data: Record<string, string>; key: string; says: string }[] = [
    { data: { forceSecrets: 'yes' }, key: 'forceSecrets', says: 'not a boolean' },
    { data: { keepCertificateRequests: '1' }, key: 'keepCertificateRequests', says: 'not a boolean' },
    { data: { webhookWait: '' }, key: 'webhookWait', says: 'not a boolean' },
    { data: { webhookWaitTimeout: '120' }, key: 'webhookWaitTimeout', says: 'not a duration' },
    { data: { webhookWaitTimeout: '2 minutes' }, key: 'webhookWaitTimeout', says: 'not a duration' },
    { data: { webhookWaitTimeout: '500ms' }, key: 'webhookWaitTimeout', says: 'out of range' },
    { data: { webhookWaitTimeout: '2h' }, key: 'webhookWaitTimeout', says: 'out of range' },
    { data: { certManagerNamespace: 'Cert_Manager' }, key: 'certManagerNamespace', says: 'not a valid namespace' },
    {
      data: { clusterResourceNamespace: 'a'.repeat(64) },
      key: 'clusterResourceNamespace',
      says: 'not a valid namespace',
    },
    { data: { disabledActions: 'backup crds' }, key: 'disabledActions', says: 'not an action name' },
    { data: { forceSecrets: 'x'.repeat(100_000) }, key: 'forceSecrets', says: 'the value (a 100000-character string)' },
  ];
  for (const c of malformed) {
    it(`rejects ${JSON.stringify(c.data)} naming the key`, () => {
      let caught: unknown;
      try {
        parsePluginConfig(c.data);
      } catch (error) {
        caught = error;
      }
      expect(caught).to.be.instanceOf(ConfigError);
      expect((caught as ConfigError).key).to.equal(c.key);
      expect((caught as ConfigError).message)
        .to.contain(`"${c.key}"`)
        .and.to.contain(c.says);
      // The value's kind, never the value itself.
      for (const value of Object.values(c.data))
        if (value.length > 1) expect((caught as ConfigError).message).not.to.contain(value);
    });
  }

  it('warns about unknown keys and unknown actions instead of failing', () => {
    const { warnings, config } = parsePluginConfig(
      { forceSecret: 'true', disabledActions: 'backup-nothing' },
      { knownActionNames: KNOWN },
    );
    expect(warnings).to.have.length(2);
    expect(warnings[0]).to.contain('"forceSecret"');
    expect(warnings[1]).to.contain('backup-nothing');
    expect(config.forceSecrets).to.equal(false);
  });

  it('tells whether an action is enabled by its full name', () => {
    const { config } = parsePluginConfig({ disabledActions: 'backup-crds' });
    expect(isActionEnabled(config, KNOWN[0]!)).to.equal(false);
    expect(isActionEnabled(config, KNOWN[1]!)).to.equal(true);
    expect(isActionEnabled(DEFAULT_CONFIG, KNOWN[0]!)).to.equal(true);
  });

  const durations: [string, number | undefined][] = [
    ['0', 0],
    ['90s', 90_000],
    ['2m', 120_000],
    ['1h', 3_600_000],
    ['1m30s', 90_000],
    ['1.5s', 1500],
    ['250ms', 250],
    ['', undefined],
    ['10', undefined],
    ['5x', undefined],
    ['m', undefined],
    ['1m 30s', undefined],
    ['-1s', undefined],
  ];
  for (const [text, ms] of durations) {
    it(`reads duration ${JSON.stringify(text)}`, () => expect(parseDurationMs(text)).to.equal(ms));
  }
});

describe('config/load', () => {
  it('reads and parses once per source', async () => {
    let reads = 0;
    const source = { pluginConfig: () => (reads++, Promise.resolve({ forceSecrets: 'true' })) };
    const [a, b] = await Promise.all([loadPluginConfig(source), loadPluginConfig(source)]);
    expect(a.config.forceSecrets).to.equal(true);
    expect(b).to.equal(a);
    expect(reads).to.equal(1);
    await loadPluginConfig({ pluginConfig: () => (reads++, Promise.resolve({})) });
    expect(reads).to.equal(2);
  });

  it('uses the defaults with a warning when the source cannot be read', async () => {
    const loaded = await loadPluginConfig({ pluginConfig: () => Promise.reject(new Error('connection refused')) });
    expect(loaded.config).to.equal(DEFAULT_CONFIG);
    expect(loaded.warnings[0]).to.contain('connection refused');
  });

  it('yields the defaults, all of them, and the ConfigError of a malformed value', async () => {
    const loaded = await loadPluginConfig({
      pluginConfig: () => Promise.resolve({ forceSecrets: 'true', webhookWait: 'maybe' }),
    });
    expect(loaded.error).to.be.instanceOf(ConfigError);
    expect(loaded.error?.key).to.equal('webhookWait');
    expect(loaded.config).to.equal(DEFAULT_CONFIG);
    expect(loaded.config.forceSecrets, 'a broken configuration never forces Secrets').to.equal(false);
  });
});
