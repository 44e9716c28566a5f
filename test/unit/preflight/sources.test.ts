import { expect } from 'chai';
import { encodeReplacement, unitsFromText, type LintUnit } from '../../../src/preflight/sources.js';
import { parseVersion } from '../../../src/preflight/version.js';

const V = parseVersion('1.18.1')!;
const unitsOf = (yaml: string): LintUnit[] => unitsFromText(yaml, 'yaml', 'ci.yaml', V).units.filter((u) => u.tokens);

describe('preflight sources: how --write encodes a corrected command in its YAML scalar', () => {
  it('reads the scalar style of each command', () => {
    const styles = unitsOf(
      [
        'a: velero backup create a',
        "b: 'velero backup create b'",
        'c: "velero backup create c"',
        'd: |',
        '  velero backup create d',
        'e: >',
        '  velero backup create e',
      ].join('\n'),
    ).map((u) => u.yamlStyle);
    expect(styles).to.deep.equal(['plain', 'single-quoted', 'double-quoted', 'literal', 'folded']);
  });

  it("doubles single quotes in a single-quoted string (YAML's only escape there)", () => {
    const [unit] = unitsOf("run: 'velero backup create b'");
    expect(encodeReplacement(unit!, "velero backup create b --x='*'")).to.deep.equal({
      text: "velero backup create b --x=''*''",
    });
  });

  it('refuses what would change the YAML: new escapes in a double-quoted string, ": " or " #" in a plain one', () => {
    const [double] = unitsOf('run: "velero backup create b"');
    expect(encodeReplacement(double!, "velero backup create b --x='a\"b'")).to.have.property('refused');
    expect(encodeReplacement(double!, 'velero backup create b --x=y')).to.deep.equal({
      text: 'velero backup create b --x=y',
    });
    const [plain] = unitsOf('run: velero backup create b');
    expect(encodeReplacement(plain!, 'velero backup create b --labels a: b')).to.have.property('refused');
    expect(encodeReplacement(plain!, 'velero backup create b #x')).to.have.property('refused');
    expect(encodeReplacement(plain!, 'velero backup create b')).to.deep.equal({ text: 'velero backup create b' });
  });

  it("keeps a plain scalar's trailing YAML comment out of the command", () => {
    const [unit] = unitsOf('run: velero backup create b # nightly');
    expect(unit!.tokens!.map((t) => t.text)).to.deep.equal(['velero', 'backup', 'create', 'b']);
  });
});

describe('preflight sources: what counts as a command', () => {
  it('a one-word YAML value such as `namespace: velero` is a name, not a velero command', () => {
    const text = [
      'apiVersion: velero.io/v1',
      'kind: Backup',
      'metadata:',
      '  name: b',
      '  namespace: velero',
      'spec: {}',
    ].join('\n');
    const units = unitsFromText(text, 'yaml', 'b.yaml', V).units;
    expect(units.map((u) => u.subject.origin)).to.deep.equal(['manifest']);
    const ci = unitsFromText('steps:\n  - run: velero backup create b\n', 'yaml', 'ci.yaml', V).units;
    expect(ci.map((u) => u.subject.command?.tokens.map((t) => t.text).join(' '))).to.deep.equal([
      'velero backup create b',
    ]);
  });

  it('reads a script to its end, however long: a command past 5 million characters is whole', () => {
    // The lexer once stopped at 5,000,000 characters without a word: the command there was linted cut short.
    const text = `# ${'x'.repeat(5_000_000)}\nvelero backup create last --include-namespaces app,web\n`;
    const units = unitsFromText(text, 'shell', 'long.sh', V).units;
    expect(units.map((u) => u.subject.command?.tokens.map((t) => t.text).join(' '))).to.deep.equal([
      'velero backup create last --include-namespaces app,web',
    ]);
    expect(units[0]?.subject.location.line).to.equal(2);
  });

  it('Markdown blocks in a language other than shell are not read as commands', () => {
    const md = [
      '```text',
      'velero backup create a',
      '```',
      '```sh',
      'velero backup create b',
      '```',
      '```',
      'velero backup create c',
      '```',
    ].join('\n');
    const names = unitsFromText(md, 'markdown', 'x.md', V).units.map((u) => u.subject.command?.tokens.at(-1)?.text);
    expect(names).to.deep.equal(['b', 'c']);
  });
});
