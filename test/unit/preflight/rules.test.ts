import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintSubjects } from '../../../src/preflight/engine.js';
import { RULES, findRule } from '../../../src/preflight/rules/index.js';
import { unitsFromText } from '../../../src/preflight/sources.js';
import { contextFor } from './table.test.js';

const rulesDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'src', 'preflight', 'rules');

describe('preflight rule metadata', () => {
  it('ids and names are unique, well formed, and every rule file is registered under its name', () => {
    const ids = RULES.map((r) => r.meta.id);
    const names = RULES.map((r) => r.meta.name);
    expect(new Set(ids).size).to.equal(RULES.length);
    expect(new Set(names).size).to.equal(RULES.length);
    for (const r of RULES) {
      expect(r.meta.id).to.match(/^CMV\d{3}$/);
      expect(r.meta.name).to.match(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(['error', 'warning', 'info']).to.include(r.meta.severity);
      expect(r.meta.why.length, r.meta.name).to.be.greaterThan(40);
      expect(r.meta.fix.length, r.meta.name).to.be.greaterThan(5);
      expect(r.meta.appliesTo.length).to.be.greaterThan(0);
      expect(findRule(r.meta.id)).to.equal(r);
      expect(findRule(r.meta.name)).to.equal(r);
    }
    const files = readdirSync(rulesDir)
      .filter((f) => f.endsWith('.js') && !['index.js', 'types.js', 'helpers.js'].includes(f))
      .map((f) => f.replace(/\.js$/, ''));
    // Every rule file is registered under its file name (rules of other preflight modules are registered too).
    expect(files.filter((f) => !names.includes(f))).to.deep.equal([]);
  });

  it('covers every offline-decidable rule of the velero-cli catalogue (§16)', () => {
    const covered = new Set(RULES.flatMap((r) => (r.meta.catalogue ?? '').split(/,\s*/)).filter(Boolean));
    const offline = [
      'A1',
      'A2',
      'A3',
      'A4',
      'A5',
      'A6',
      'A7',
      'A8',
      'A9',
      'A10',
      'A11',
      'A12',
      'B1',
      'B2',
      'B3',
      'B4',
      'B5',
      'B6',
      'B7',
      'B8',
      'B9',
      'B10',
      'B11',
      'B13',
      'C1',
      'C2',
      'C3',
      'C4',
      'C5',
      'C6',
      'C7',
      'C8',
      'C9',
      'C10',
      'C12',
      'D1',
      'D2',
      'D3',
      'D4',
      'D5',
      'D6',
      'D7',
    ];
    expect(offline.filter((c) => !covered.has(c))).to.deep.equal([]);
  });

  // Each documented example is a real test: the bad command line triggers its rule, the good one does not.
  for (const r of RULES) {
    r.meta.examples.forEach((ex, i) => {
      if (!/^velero (backup|schedule|restore|create|install|plugin) /.test(ex.bad)) return;
      const ctx = {
        ...contextFor({ version: r.meta.id === 'CMV061' ? '1.17.0' : undefined }),
        ...(ex.veleroNamespace ? { veleroNamespace: ex.veleroNamespace, veleroNamespaceKnown: true } : {}),
      };
      const lint = (line: string) =>
        lintSubjects(
          unitsFromText(line, 'shell', undefined, ctx.veleroVersion).units.map((u) => u.subject),
          ctx,
        ).map((f) => f.ruleId);
      it(`${r.meta.id} ${r.meta.name} example ${i + 1}`, () => {
        expect(lint(ex.bad), ex.bad).to.include(r.meta.id);
        if (ex.good) expect(lint(ex.good), ex.good).to.not.include(r.meta.id);
      });
    });
  }
});
