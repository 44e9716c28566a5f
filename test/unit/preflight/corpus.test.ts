import { expect } from 'chai';
import { atOrAbove, lintSubjects } from '../../../src/preflight/engine.js';
import { fixArgv, lintArgv } from '../../../src/preflight/fix.js';
import { extractVeleroCommands, shellJoin } from '../../../src/preflight/parse/shell.js';
import { unitsFromText } from '../../../src/preflight/sources.js';
import { parseVersion } from '../../../src/preflight/version.js';
import { CORPUS, type CorpusLine } from './corpus.js';

/** What `velero-cm-preflight -- <line>` decides at the default --fail-on warning: exit code and rule ids. */
function verdict(entry: CorpusLine): { exit: number; findings: string[] } {
  const version = parseVersion(entry.version);
  if (!version) throw new Error(`bad version ${entry.version}`);
  const { units } = unitsFromText(entry.line, 'shell', undefined, version);
  expect(units, 'the line holds one velero command').to.have.length(1);
  const findings = lintSubjects(
    units.map((u) => u.subject),
    {
      veleroVersion: version,
      pluginInstalled: false,
      veleroNamespace: 'velero',
      clusterResourceNamespace: 'cert-manager',
    },
  );
  return {
    exit: atOrAbove(findings, 'warning').length > 0 ? 1 : 0,
    findings: [...new Set(findings.map((f) => f.ruleId))].sort(),
  };
}

describe('preflight corpus: real velero command lines', () => {
  it(`has at least 150 lines, each with a source (has ${CORPUS.length})`, () => {
    expect(CORPUS.length).to.be.at.least(150);
    for (const entry of CORPUS) expect(entry.source, entry.line).to.match(/\S/);
    expect(new Set(CORPUS.map((c) => `${c.version} ${c.line}`)).size, 'no line twice for a version').to.equal(
      CORPUS.length,
    );
  });
  it('covers every supported Velero minor (1.12 to 1.18)', () => {
    const minors = new Set(CORPUS.map((c) => c.version.split('.').slice(0, 2).join('.')));
    for (let minor = 12; minor <= 18; minor++) expect(minors.has(`1.${minor}`), `1.${minor}`).to.equal(true);
  });
  it('holds clean lines as well as flagged ones', () => {
    expect(CORPUS.filter((c) => c.exit === 0).length).to.be.at.least(30);
    expect(CORPUS.filter((c) => c.exit === 1).length).to.be.at.least(30);
  });
  for (const entry of CORPUS)
    it(`${entry.version} ${entry.line} (${entry.source})`, () => {
      expect(verdict(entry)).to.deep.equal({ exit: entry.exit, findings: entry.findings });
    });
});

// --fix on real command lines: the result is a command velero accepts (no unknown flag, no parse or argument error,
// no old-style filter mixed into scoped ones or beside a resource policy) and fixes what it can (issue 18).
describe('preflight corpus: --fix keeps real command lines valid', () => {
  const REJECTED = ['CMV001', 'CMV002', 'CMV003', 'CMV004', 'CMV007', 'CMV012', 'CMV013', 'CMV019', 'CMV032', 'CMV071'];
  let fixed = 0;
  for (const entry of CORPUS) {
    if (entry.line.includes('$') || entry.line.includes('|')) continue;
    const version = parseVersion(entry.version);
    if (!version) continue;
    const ctx = {
      veleroVersion: version,
      pluginInstalled: false,
      veleroNamespace: 'velero',
      clusterResourceNamespace: 'cert-manager',
    };
    const argv = extractVeleroCommands(entry.line)[0]?.tokens.map((t) => t.text);
    if (!argv || !lintArgv(argv, ctx).findings.some((f) => f.fix?.edits?.length)) continue;
    fixed++;
    it(`${entry.version} ${entry.line}`, () => {
      const rejected = (argvs: string[]) =>
        lintArgv(argvs, ctx)
          .findings.filter((f) => REJECTED.includes(f.ruleId))
          .map((f) => `${f.ruleId} ${f.message}`);
      const result = fixArgv(argv, ctx);
      const before = rejected(argv);
      const after = rejected(result.argv);
      // A line velero accepted stays accepted; one it rejected is not made worse.
      if (before.length === 0) expect(after, shellJoin(result.argv)).to.deep.equal([]);
      else expect(after.length, shellJoin(result.argv)).to.be.at.most(before.length);
      expect(
        result.argv.some((word) => word.includes('=-')),
        'no flag turned into a list entry',
      ).to.equal(false);
      expect(lintArgv(result.argv, ctx).findings.filter((f) => f.fix?.edits?.length)).to.deep.equal([]);
    });
  }
  it('fixes many corpus lines', () => expect(fixed).to.be.at.least(100));
});
