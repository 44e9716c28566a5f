import { expect } from 'chai';
import { fixArgv } from '../../../../src/preflight/fix.js';
import { parseQuantity, validationProblems } from '../../../../src/preflight/model/validation.js';
import { parseVeleroArgv } from '../../../../src/preflight/parse/pflag.js';
import { parseVersion } from '../../../../src/preflight/version.js';

const problems = (line: string, version = '1.18.3') =>
  validationProblems(
    parseVeleroArgv(
      line.split(' ').map((text) => ({ text })),
      { version: parseVersion(version)! },
    ),
    parseVersion(version)!,
  ).map((p) => p.message);

const BASE = 'velero install --provider aws --bucket b --plugins velero/velero-plugin-for-aws:v1.13.0 --no-secret';

describe('preflight/model/validation: what each velero command rejects after its flags parsed', () => {
  it('parses quantities as resource.ParseQuantity does', () => {
    expect(parseQuantity('500m')).to.equal(0.5);
    expect(parseQuantity('128Mi')).to.equal(128 * 2 ** 20);
    expect(parseQuantity('1e8')).to.equal(1e8);
    expect(parseQuantity('.5')).to.equal(0.5);
    for (const bad of ['512MB', '1gi', '1 Gi', 'Gi', '']) expect(parseQuantity(bad), bad).to.equal(undefined);
  });

  // Verdicts of the real velero binaries (v1.18.3, v1.16.2) on these lines, run against an unreachable API server.
  it('install: pod requests and limits must parse and a request may not exceed its limit', () => {
    expect(problems(`${BASE} --velero-pod-mem-request=1Gi`)).to.deep.equal([
      'Memory request "1Gi" must be less than or equal to Memory limit "512Mi" (--velero-pod-mem-request, --velero-pod-mem-limit)',
    ]);
    expect(problems(`${BASE} --velero-pod-cpu-limit=200m`)[0]).to.contain('CPU request "500m"');
    expect(problems(`${BASE} --velero-pod-mem-limit=512MB`)[0]).to.contain(`couldn't parse memory limit "512MB"`);
    expect(problems(`${BASE} --node-agent-pod-cpu-request=2 --node-agent-pod-cpu-limit=1`)).to.have.length(1);
    // "0" is unbounded; the node-agent's defaults are "0" from 1.14 (500m/512Mi/1000m/1Gi before)
    expect(problems(`${BASE} --velero-pod-cpu-limit=0 --velero-pod-cpu-request=4`)).to.deep.equal([]);
    expect(problems(`${BASE} --node-agent-pod-mem-request=2Gi`, '1.16.2')).to.deep.equal([]);
    expect(problems(`${BASE} --node-agent-pod-mem-request=2Gi`, '1.13.2')[0]).to.contain('Memory limit "1Gi"');
    // --crds-only builds no pods
    expect(problems('velero install --crds-only --velero-pod-mem-request=1Gi')).to.deep.equal([]);
  });

  it('install: the locations, the plugins and the secret, in Validate order', () => {
    expect(problems('velero install')).to.deep.equal([
      '--provider is required',
      '--bucket is required',
      '--plugins flag is required',
      'One of --secret-file or --no-secret is required',
    ]);
    expect(
      problems('velero install --no-default-backup-location --use-volume-snapshots=false --no-secret'),
    ).to.deep.equal([]);
    expect(
      problems('velero install --no-default-backup-location --use-volume-snapshots=false --no-secret --provider aws'),
    ).to.deep.equal([
      '--provider must be empty when using --no-default-backup-location and --use-volume-snapshots=false',
    ]);
    expect(problems(`${BASE} --secret-file ./creds`)).to.deep.equal(['Cannot use both --secret-file and --no-secret']);
    expect(problems(`${BASE} --default-volumes-to-fs-backup`)).to.deep.equal([
      '--use-node-agent is required when using --default-volumes-to-fs-backup',
    ]);
    expect(problems(`${BASE} --use-volume-snapshots=false --snapshot-location-config region=x`)).to.deep.equal([
      '--snapshot-location-config must be empty when --use-volume-snapshots=false',
    ]);
    expect(problems(`${BASE} --garbage-collection-frequency=-1h`)).to.deep.equal([
      '--garbage-collection-frequency must be non-negative',
    ]);
  });

  it('--fix adds --use-node-agent and corrects a mistyped subcommand (the only way out in each case)', () => {
    const ctx = {
      veleroVersion: parseVersion('1.18.3')!,
      pluginInstalled: false,
      veleroNamespace: 'velero',
      clusterResourceNamespace: 'cert-manager',
    };
    const install = `${BASE} --default-volumes-to-fs-backup`.split(' ');
    expect(fixArgv(install, ctx).argv).to.deep.equal([...install, '--use-node-agent']);
    expect(fixArgv(['velero', 'backup', 'decsribe', 'b1'], ctx).argv).to.deep.equal([
      'velero',
      'backup',
      'describe',
      'b1',
    ]);
  });

  it('the other commands: selection, locations, output formats, restore options', () => {
    expect(problems('velero schedule pause')[0]).to.contain('exactly one of: specific schedule name(s)');
    expect(problems('velero backup-location delete --all b1')[0]).to.contain('backup-location name(s)');
    expect(problems('velero snapshot-location create v --config region=x')).to.deep.equal(['--provider is required']);
    expect(problems('velero backup-location create b --provider aws --bucket x --credential a=b,c=d')).to.deep.equal([
      '--credential can only contain 1 key/value pair',
    ]);
    expect(problems('velero restore get -o wide')[0]).to.contain('invalid output format "wide"');
    expect(problems('velero backup describe b -o yaml')[0]).to.contain(`'plaintext, json'`);
    expect(problems('velero restore create --from-backup b --existing-resource-policy=Update')).to.have.length(1);
    expect(problems('velero restore create --from-backup b --parallel-files-download=-1')).to.have.length(1);
    expect(problems('velero backup create b --ordered-resources pods=ns1/pod1;')).to.deep.equal([
      `invalid OrderedResources ''`,
    ]);
    expect(problems('velero backup get --selector app=a,')).to.have.length(1);
    expect(problems('velero backup get b1 --selector app=a,')).to.deep.equal([]);
  });
});
