import { expect } from 'chai';
import yaml from 'js-yaml';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPOSITORY_URL } from '../../../src/version.js';
import { EPH } from './table.js';
import { sarifValidator } from './sarif.test.js';

/**
 * The GitHub Action (action.yml) and its example workflow, run the way GitHub runs a composite action: each
 * `run` step under `bash --noprofile --norc -eo pipefail`, its `env` evaluated from the inputs, GITHUB_OUTPUT and
 * GITHUB_ACTION_PATH set. The `install` step (npm ci + build) is the build this test already runs from, and the
 * `uses:` steps (setup-node, upload-sarif) are GitHub's: their wiring is asserted, not executed.
 */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

interface Step {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}
interface Workflow {
  permissions: Record<string, string>;
  jobs: Record<string, { steps: Step[] }>;
}

const action = yaml.load(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Action;
const workflow = yaml.load(readFileSync(join(ROOT, 'docs/examples/preflight-workflow.yml'), 'utf8')) as Workflow;

/** `${{ inputs.x }}`, `${{ github.action_path }}` and `${{ steps.lint.outputs.y }}`; anything else fails the test. */
function evaluate(text: string, inputs: Record<string, string>, outputs: Record<string, string>): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
    let m = /^inputs\.([\w-]+)$/.exec(expr);
    if (m?.[1]) {
      const input = action.inputs[m[1]];
      if (!input) throw new Error(`action.yml uses undeclared input ${m[1]}`);
      return inputs[m[1]] ?? input.default ?? '';
    }
    if (expr === 'github.action_path') return ROOT;
    m = /^steps\.lint\.outputs\.([\w-]+)$/.exec(expr);
    if (m?.[1]) return outputs[m[1]] ?? '';
    throw new Error(`expression this test does not model: ${expr}`);
  });
}

/** Runs the action's steps in `workspace`; returns the lint step's outputs and the exit code of the job. */
function runAction(workspace: string, inputs: Record<string, string>) {
  const outputs: Record<string, string> = {};
  let log = '';
  for (const step of action.runs.steps) {
    if (step.uses || step.id === 'install') continue;
    if (step.if !== undefined) {
      expect(step.if).to.equal("${{ steps.lint.outputs.exit-code != '0' }}");
      if (outputs['exit-code'] === '0') continue;
    }
    expect(step.shell).to.equal('bash');
    const outFile = join(workspace, '..', 'github-output');
    writeFileSync(outFile, '');
    const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, evaluate(v, inputs, outputs)]));
    expect(step.run, 'run scripts take inputs from env only').to.not.match(/\$\{\{/);
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run ?? ''], {
      cwd: workspace,
      encoding: 'utf8',
      timeout: 30000,
      env: { ...process.env, ...env, NO_COLOR: '1', GITHUB_OUTPUT: outFile, GITHUB_ACTION_PATH: ROOT },
    });
    log += r.stdout + r.stderr;
    for (const line of readFileSync(outFile, 'utf8').split('\n')) {
      const eq = line.indexOf('=');
      if (eq > 0) outputs[line.slice(0, eq)] = line.slice(eq + 1);
    }
    if (r.status !== 0) return { outputs, jobExit: r.status, log };
  }
  return { outputs, jobExit: 0, log };
}

describe('GitHub Action (action.yml) and its example workflow', function () {
  this.timeout(60000);
  const validate = sarifValidator();
  let dir: string;
  let workspace: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'preflight-action-'));
    workspace = join(dir, 'workspace');
    mkdirSync(join(workspace, 'scripts'), { recursive: true });
    mkdirSync(join(workspace, 'k8s'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is a composite action that uploads its SARIF file to code scanning, whatever the lint found', () => {
    expect(action.runs.using).to.equal('composite');
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.with?.sarif_file).to.equal('${{ inputs.sarif-file }}');
    expect(upload?.if).to.match(/always\(\)/);
    expect(action.outputs['exit-code']?.value).to.equal('${{ steps.lint.outputs.exit-code }}');
  });

  it('fails the job on findings and writes a valid SARIF report with them', () => {
    writeFileSync(
      join(workspace, 'scripts/backup.sh'),
      '#!/bin/sh\nvelero backup create nightly --include-namespaces app\n',
    );
    const r = runAction(workspace, { paths: 'scripts/' });
    expect(r.outputs['exit-code'], r.log).to.equal('1');
    expect(r.jobExit).to.equal(1);
    expect(r.log).to.include('scripts/backup.sh:2:1');
    const sarif = JSON.parse(readFileSync(join(workspace, 'velero-cm-preflight.sarif'), 'utf8')) as {
      runs: { results: { ruleId: string }[] }[];
    };
    expect(validate(sarif), JSON.stringify(validate.errors)).to.equal(true);
    expect(sarif.runs[0]?.results.length).to.be.greaterThan(0);
  });

  it('passes on clean commands; fail-on error lets warnings through', () => {
    writeFileSync(
      join(workspace, 'scripts/backup.sh'),
      `#!/bin/sh\nvelero backup create nightly --include-cluster-resources=true --exclude-resources=${EPH}\n`,
    );
    expect(runAction(workspace, { paths: 'scripts/' }).jobExit).to.equal(0);
    writeFileSync(join(workspace, 'scripts/backup.sh'), '#!/bin/sh\nvelero backup create nightly\n');
    const lenient = runAction(workspace, { paths: 'scripts/', 'fail-on': 'error', 'sarif-file': 'out.sarif' });
    expect([lenient.outputs['exit-code'], lenient.jobExit]).to.deep.equal(['0', 0]);
    expect(existsSync(join(workspace, 'out.sarif'))).to.equal(true);
  });

  it('the example workflow names only inputs the action declares, may upload SARIF, and runs clean on clean paths', () => {
    expect(workflow.permissions['security-events']).to.equal('write');
    const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
    const uses = steps.find((s) => s.uses?.includes('velero-plugin-for-cert-manager@'));
    expect(uses, 'the workflow uses this action').to.not.equal(undefined);
    const inputs = uses?.with ?? {};
    expect(Object.keys(inputs).filter((k) => !(k in action.inputs))).to.deep.equal([]);
    writeFileSync(
      join(workspace, 'scripts/backup.sh'),
      `#!/bin/sh\nvelero backup create nightly --include-cluster-resources=true --exclude-resources=${EPH}\n`,
    );
    writeFileSync(
      join(workspace, 'k8s/schedule.yaml'),
      [
        'apiVersion: velero.io/v1',
        'kind: Schedule',
        'metadata: {name: nightly, namespace: velero}',
        'spec:',
        "  schedule: '0 3 * * *'",
        '  template:',
        '    includeClusterResources: true',
        '',
      ].join('\n'),
    );
    writeFileSync(join(workspace, 'README.md'), '# ops\n\n```sh\nvelero backup get\n```\n');
    const r = runAction(workspace, inputs);
    expect([r.outputs['exit-code'], r.jobExit], r.log).to.deep.equal(['0', 0]);
  });

  it('the pre-commit hook runs the checker on the files it is given (its entry, from the repository root)', () => {
    const hooks = yaml.load(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as {
      id: string;
      entry: string;
      language: string;
    }[];
    const hook = hooks.find((h) => h.id === 'velero-cm-preflight');
    expect(hook?.language).to.equal('script');
    writeFileSync(
      join(workspace, 'scripts/backup.sh'),
      '#!/bin/sh\nvelero backup create nightly --include-namespaces app\n',
    );
    writeFileSync(join(workspace, 'scripts/other.sh'), '#!/bin/sh\necho hi\n');
    // pre-commit runs `entry` from its clone of the repository and appends the staged file names.
    const run = (files: string[]) =>
      spawnSync(join(ROOT, hook?.entry ?? 'missing'), files, { cwd: workspace, encoding: 'utf8', timeout: 30000 });
    const bad = run(['scripts/backup.sh']);
    expect(bad.status, bad.stderr).to.equal(1);
    expect(bad.stdout).to.include('scripts/backup.sh:2:1');
    expect(run(['scripts/other.sh']).status).to.equal(0);
  });

  it("the example workflow and the README's pre-commit snippet name the repository package.json gives", () => {
    // package.json's `repository` is the one place the address is written; these copies must follow it.
    const ownerAndName = new URL(REPOSITORY_URL).pathname.slice(1);
    const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
    const uses = steps.map((s) => s.uses ?? '').filter((u) => u.includes('velero-plugin-for-cert-manager@'));
    expect(uses.map((u) => u.split('@')[0])).to.deep.equal([ownerAndName]);
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const repos = [...readme.matchAll(/^\s*-\s*repo:\s*(\S+)\s*$/gm)].map((m) => m[1]);
    expect(repos).to.deep.equal([REPOSITORY_URL]);
  });
});
