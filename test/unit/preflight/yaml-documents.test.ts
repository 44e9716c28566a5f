import { expect } from 'chai';
import {
  isOversized,
  yamlDocuments,
  type OversizedDocument,
  type YamlDocument,
} from '../../../src/preflight/yaml-documents.js';

/** The text cut into chunks of `size` characters, as a file read in pieces arrives. */
function chunked(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

function split(text: string, size = text.length || 1, max?: number): (YamlDocument | OversizedDocument)[] {
  return [...yamlDocuments(chunked(text, size), max)];
}

/** Each document's text must be the file's text at its offset, and start on the line it claims. */
function expectConsistent(text: string, docs: (YamlDocument | OversizedDocument)[]): void {
  for (const d of docs) {
    if (isOversized(d)) continue;
    expect(text.slice(d.offset, d.offset + d.text.length)).to.equal(d.text);
    expect(text.slice(0, d.offset).split('\n').length).to.equal(d.line);
  }
}

describe('preflight yaml-documents: multi-document YAML read as it arrives', () => {
  const text = [
    '# a comment before the first document',
    'a: 1',
    '---',
    'b: |',
    '  ---',
    '  ... still the block scalar',
    '--- # a comment on the marker',
    'c: 3',
    '...',
    '---',
    '--- {d: 4}',
    '',
    '---',
    'e: 5',
  ].join('\n');

  it('splits on marker lines only: an indented --- inside a block scalar is content', () => {
    const docs = split(text);
    expect(docs.map((d) => (isOversized(d) ? 'oversized' : [d.line, d.text]))).to.deep.equal([
      [1, '# a comment before the first document\na: 1'],
      [4, 'b: |\n  ---\n  ... still the block scalar'],
      [8, 'c: 3'],
      // A node on the marker line belongs to the document: the marker line opens it.
      [11, '--- {d: 4}\n'],
      [14, 'e: 5'],
    ]);
    expectConsistent(text, docs);
  });

  it('gives the same documents, lines and offsets whatever the chunk size', () => {
    const whole = split(text);
    for (const size of [1, 2, 3, 4, 5, 7, 16, 64]) expect(split(text, size), `chunks of ${size}`).to.deep.equal(whole);
  });

  it('keeps CRLF line ends, a marker at the very end and a file without a final newline', () => {
    expect(split('a: 1\r\n---\r\nb: 2\r\n')).to.deep.equal([
      { text: 'a: 1\r', line: 1, offset: 0 },
      { text: 'b: 2\r\n', line: 3, offset: 11 },
    ]);
    expect(split('a: 1\n---')).to.deep.equal([{ text: 'a: 1', line: 1, offset: 0 }]);
    expect(split('---\n---\n')).to.deep.equal([]);
    expect(split('')).to.deep.equal([]);
    // Not markers: more dashes, text right after them, indentation.
    expect(split('----\n---x\n ---\n').length).to.equal(1);
  });

  it('reports a document over the limit once, skips it without holding it, and reads on at the next marker', () => {
    const big = `big: ${'x'.repeat(100)}\nmore: ${'y'.repeat(100)}\n`;
    const input = `a: 1\n---\n${big}---\nc: 3\n`;
    for (const size of [1, 3, 8, 50, 1000]) {
      const docs = split(input, size, 64);
      expect(docs, `chunks of ${size}`).to.deep.equal([
        { text: 'a: 1', line: 1, offset: 0 },
        { oversized: true, line: 3 },
        { text: 'c: 3\n', line: 6, offset: input.indexOf('c: 3') },
      ]);
    }
    // One line longer than the limit, split over many chunks, with a marker-looking text inside.
    const long = `k: ${'z'.repeat(200)} --- \n---\nd: 4`;
    expect(split(long, 7, 64)).to.deep.equal([
      { oversized: true, line: 1 },
      { text: 'd: 4', line: 3, offset: long.indexOf('d: 4') },
    ]);
  });
});
