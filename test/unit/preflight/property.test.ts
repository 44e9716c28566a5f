import { expect } from 'chai';
import fc from 'fast-check';
import yaml from 'js-yaml';
import { lintSubjects } from '../../../src/preflight/engine.js';
import { fixArgv } from '../../../src/preflight/fix.js';
import { subjectsFromYaml } from '../../../src/preflight/manifests.js';
import { COMMANDS, GLOBAL_FLAGS } from '../../../src/preflight/model/flags.js';
import { parseVeleroArgv } from '../../../src/preflight/parse/pflag.js';
import { extractVeleroCommands } from '../../../src/preflight/parse/shell.js';
import { subjectFromCommand } from '../../../src/preflight/resolve.js';
import { unitsFromText } from '../../../src/preflight/sources.js';
import { contextFor } from './table.test.js';

const ctx = contextFor({});
/** Each single input must finish well under this; a hang fails the test rather than the suite timeout. */
const BUDGET_MS = 500;

const flagNames = [...new Set([...COMMANDS.flatMap((c) => c.flags), ...GLOBAL_FLAGS].map((f) => f.name))];
const word = fc.oneof(
  fc.constantFrom(...flagNames.map((n) => `--${n}`)),
  fc.constantFrom(...flagNames.map((n) => `--${n}=`)),
  fc.constantFrom(
    'backup',
    'schedule',
    'restore',
    'create',
    'plugin',
    'add',
    'remove',
    'install',
    'get',
    '--',
    '-',
    '-n',
    '-l',
    '-o',
    '-w',
    '-wl',
    '-L',
    '-x',
    '-v',
  ),
  fc.constantFrom(
    'true',
    'false',
    '0',
    '1',
    '*',
    '',
    ',',
    'a,b',
    ' secrets ',
    'certs',
    'orders',
    '30d',
    '720h',
    'cert-manager',
    'app=x',
    'a:b',
    'yaml',
  ),
  fc.string({ maxLength: 12 }),
  fc.tuple(fc.constantFrom(...flagNames.map((n) => `--${n}=`)), fc.string({ maxLength: 10 })).map(([a, b]) => a + b),
);

function timed<T>(f: () => T): T {
  const t0 = performance.now();
  const r = f();
  expect(performance.now() - t0, 'took too long').to.be.below(BUDGET_MS);
  return r;
}

describe('preflight property tests', () => {
  it('parsing and linting any argv never throws and never hangs', () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: 25 }), (args) => {
        timed(() => {
          const tokens = ['velero', ...args].map((text, i) => ({ text, loc: { line: 1, column: i + 1 } }));
          const parsed = parseVeleroArgv(tokens, { version: ctx.veleroVersion });
          const findings = lintSubjects([subjectFromCommand(parsed, { line: 1, column: 1 })], ctx);
          for (const f of findings) expect(f.ruleId).to.match(/^CMV\d{3}$/);
        });
      }),
      { numRuns: 1500 },
    );
  });

  it('--fix on any argv terminates and never adds parse errors', () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: 15 }), (args) => {
        timed(() => {
          const r = fixArgv(['velero', ...args], ctx);
          expect(r.argv[0]).to.equal('velero');
        });
      }),
      { numRuns: 400 },
    );
  });

  it('shell extraction of any text never throws and never hangs', () => {
    const shellish = fc
      .array(
        fc.oneof(
          fc.constantFrom(
            'velero ',
            'backup create b ',
            '"',
            "'",
            '\\',
            '\\\n',
            '$(',
            ')',
            '${',
            '}',
            '`',
            '#',
            '\n',
            ';',
            '&&',
            '|',
            '> f',
            '<<',
            ' -- ',
            '--include-namespaces ',
          ),
          fc.string({ maxLength: 8 }),
        ),
        { maxLength: 40 },
      )
      .map((a) => a.join(''));
    fc.assert(
      fc.property(shellish, fc.boolean(), (text, makefile) => {
        timed(() => {
          for (const cmd of extractVeleroCommands(text, { makefile })) expect(cmd.tokens.length).to.be.greaterThan(0);
        });
      }),
      { numRuns: 1500 },
    );
  });

  it('any file kind of any text never throws and never hangs', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 400 }),
        fc.constantFrom('shell', 'makefile', 'markdown', 'yaml' as const),
        (text, kind) => {
          timed(() => unitsFromText(`velero backup create ${text}\n${text}`, kind, 'f', ctx.veleroVersion));
        },
      ),
      { numRuns: 800 },
    );
  });

  it('any YAML document never throws and never hangs', () => {
    const anyValue = fc.anything({ maxDepth: 4, withNullPrototype: false });
    const veleroish = fc.record({
      apiVersion: fc.constantFrom('velero.io/v1', 'apps/v1', 'v1', ''),
      kind: fc.constantFrom('Backup', 'Schedule', 'Restore', 'Deployment', 'ConfigMap'),
      metadata: fc.oneof(
        fc.record({
          name: fc.string(),
          namespace: fc.string(),
          labels: fc.dictionary(fc.string(), fc.string()),
          annotations: fc.dictionary(fc.string(), fc.string()),
        }),
        anyValue,
      ),
      spec: anyValue,
      schedules: anyValue,
      configuration: anyValue,
      initContainers: anyValue,
    });
    fc.assert(
      fc.property(fc.oneof(veleroish, anyValue), fc.string({ maxLength: 50 }), (value, junk) => {
        let text: string;
        try {
          text = yaml.dump(value, { skipInvalid: true });
        } catch {
          text = junk;
        }
        timed(() => {
          const r = subjectsFromYaml(`${text}\n---\n${junk}`);
          lintSubjects(r.subjects, ctx);
        });
      }),
      { numRuns: 800 },
    );
  });
});
