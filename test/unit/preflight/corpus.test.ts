import { expect } from 'chai';
import { atOrAbove, lintSubjects } from '../../../src/preflight/engine.js';
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
