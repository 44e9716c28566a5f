import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import AjvDraft04 from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { lintSubjects } from '../../../src/preflight/engine.js';
import { formatSarif } from '../../../src/preflight/format/sarif.js';
import { RULES } from '../../../src/preflight/rules/index.js';
import { unitsFromText } from '../../../src/preflight/sources.js';
import { CASES } from './table.js';
import { contextFor } from './table.test.js';

/** The SARIF 2.1.0 schema (rtm.5, the published 2.1.0 schema) as shipped in the @microsoft/jest-sarif package. */
export function sarifValidator() {
  const require = createRequire(import.meta.url);
  const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
  // ajv-draft-04 is CommonJS with `exports.default = Ajv`: under NodeNext the class sits on .default.
  const Ajv = (AjvDraft04 as unknown as { default: typeof AjvDraft04.default }).default;
  // The schema's language-tag pattern is not valid under the `u` flag, hence unicodeRegExp: false.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  const addFormats = addFormatsModule.default;
  addFormats(ajv);
  return ajv.compile(schema);
}

describe('preflight SARIF output', () => {
  const validate = sarifValidator();
  const ctx = contextFor({});

  it('the schema rejects a broken log (the validator is live)', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).to.equal(false);
    expect(validate({ version: '3', runs: [] })).to.equal(false);
  });

  it('a run with findings from every table case validates against SARIF 2.1.0', () => {
    const subjects = CASES.flatMap((c, i) =>
      unitsFromText(
        c.line ?? c.yaml ?? c.file?.text ?? (c.argv ?? []).join(' '),
        c.yaml ? 'yaml' : (c.file?.kind ?? 'shell'),
        `cases/case ${i}.sh`,
        ctx.veleroVersion,
      ).units.map((u) => u.subject),
    );
    const findings = lintSubjects(subjects, ctx);
    expect(findings.length).to.be.greaterThan(100);
    const log = JSON.parse(
      formatSarif({
        tool: { name: 'velero-cm-preflight', version: '0.1.0' },
        context: { veleroVersion: '1.18.1', pluginInstalled: false, failOn: 'warning' },
        findings,
        checked: subjects.length,
        problems: [],
      }),
    ) as {
      runs: {
        results: {
          ruleId: string;
          ruleIndex: number;
          locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
        }[];
        tool: { driver: { rules: { id: string }[] } };
      }[];
    };
    const ok = validate(log);
    expect(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 1)).to.equal(true);
    const run = log.runs[0]!;
    expect(run.tool.driver.rules.map((r) => r.id)).to.deep.equal(RULES.map((r) => r.meta.id));
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex]!.id).to.equal(r.ruleId);
    expect(run.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).to.match(/^cases\/case%20\d+\.sh$/);
  });

  it('an empty run and a run with input problems validate too', () => {
    for (const problems of [[], [{ message: 'cannot read x: ENOENT' }]]) {
      const log: unknown = JSON.parse(
        formatSarif({
          tool: { name: 'velero-cm-preflight', version: '0.1.0' },
          context: { veleroVersion: '1.18.1', pluginInstalled: true, failOn: 'error' },
          findings: [],
          checked: 0,
          problems,
        }),
      );
      expect(validate(log), JSON.stringify(validate.errors)).to.equal(true);
    }
  });

  it('every rule links to its page in docs/rules (helpUri), and that page exists in the repository', () => {
    const log = JSON.parse(
      formatSarif({
        tool: { name: 'velero-cm-preflight', version: '0.1.0' },
        context: { veleroVersion: '1.18.1', pluginInstalled: false, failOn: 'warning' },
        findings: [],
        checked: 0,
        problems: [],
      }),
    ) as { runs: { tool: { driver: { rules: { name: string; helpUri?: string }[] } } }[] };
    const rules = log.runs[0]?.tool.driver.rules ?? [];
    expect(rules).to.have.length(RULES.length);
    const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
    for (const r of rules) {
      expect(r.helpUri, r.name).to.match(new RegExp(`^https://\\S+/docs/rules/${r.name}\\.md$`));
      const page = join(repoRoot, 'docs/rules', `${r.name}.md`);
      expect(existsSync(page), page).to.equal(true);
    }
  });
});
