import { expect } from 'chai';
import { gzipSync } from 'node:zlib';
import { readTarGz, TarFormatError } from '../../../../src/preflight/audit/tar.js';
import { parseItemPath, backupContents } from '../../../../src/preflight/audit/contents.js';
import { tarFile } from './velero-tar.js';

function archive(files: [string, string][]): Buffer {
  const blocks: Buffer[] = [];
  for (const [p, d] of files) tarFile(p, d, blocks);
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

describe('preflight audit: tar reader', () => {
  it('reads short, USTAR-prefixed and PAX long paths, gzipped or not', () => {
    const long1 = `resources/certificates.cert-manager.io/namespaces/${'n'.repeat(60)}/${'c'.repeat(60)}.json`;
    const long2 = `resources/x/namespaces/ns/${'z'.repeat(150)}.json`;
    const tar = archive([
      ['metadata/version', '1.1.0'],
      [long1, '{"a":1}'],
      [long2, 'x'.repeat(1000)],
    ]);
    for (const input of [tar, gzipSync(tar)]) {
      const entries = readTarGz(input);
      expect(entries.map((e) => e.path)).to.deep.equal(['metadata/version', long1, long2]);
      expect(entries[1]!.data.toString()).to.equal('{"a":1}');
      expect(entries[2]!.data.length).to.equal(1000);
    }
  });

  it('rejects a corrupt header, a truncated entry and a broken gzip stream', () => {
    const tar = archive([['a.json', 'x'.repeat(1000)]]);
    const corrupt = Buffer.from(tar);
    corrupt[10] = 0x41;
    expect(() => readTarGz(corrupt)).to.throw(TarFormatError, /checksum/);
    expect(() => readTarGz(tar.subarray(0, 900))).to.throw(TarFormatError, /truncated/);
    const gz = gzipSync(tar);
    expect(() => readTarGz(gz.subarray(0, gz.length - 10))).to.throw(TarFormatError, /gzip/);
  });
});

describe('preflight audit: Velero backup layout', () => {
  it('parses namespaced, cluster and versioned item paths', () => {
    expect(parseItemPath('resources/secrets/namespaces/app/tls.json')).to.deep.equal({
      groupResource: 'secrets',
      namespace: 'app',
      name: 'tls',
      rank: 0,
    });
    expect(parseItemPath('resources/clusterissuers.cert-manager.io/cluster/le.json')).to.deep.equal({
      groupResource: 'clusterissuers.cert-manager.io',
      namespace: '',
      name: 'le',
      rank: 0,
    });
    expect(parseItemPath('resources/secrets/v1-preferredversion/namespaces/app/tls.json')).to.include({
      rank: 1,
      namespace: 'app',
    });
    expect(parseItemPath('resources/certificates.cert-manager.io/v1alpha2/namespaces/app/c.json')).to.include({
      rank: 2,
    });
    expect(parseItemPath('metadata/version')).to.equal(undefined);
    expect(parseItemPath('resources/secrets/namespaces/app/extra/tls.json')).to.equal(undefined);
  });

  it('keeps each item once, preferring the unversioned copy, and reports unparsable items', () => {
    const entries = [
      { path: 'metadata/version', data: Buffer.from('1.1.0\n') },
      {
        path: 'resources/secrets/v1-preferredversion/namespaces/a/s.json',
        data: Buffer.from(
          '{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s","namespace":"a","labels":{"copy":"preferred"}}}',
        ),
      },
      {
        path: 'resources/secrets/namespaces/a/s.json',
        data: Buffer.from(
          '{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s","namespace":"a","labels":{"copy":"plain"}}}',
        ),
      },
      { path: 'resources/secrets/namespaces/a/bad.json', data: Buffer.from('{not json') },
      { path: 'resources/secrets/namespaces/a/nokind.json', data: Buffer.from('{"metadata":{}}') },
    ];
    const contents = backupContents(entries);
    expect(contents.formatVersion).to.equal('1.1.0');
    expect(
      contents.items.map((i) => [i.groupResource, i.namespace, i.name, i.object.metadata.labels?.copy]),
    ).to.deep.equal([['secrets', 'a', 's', 'plain']]);
    expect(contents.problems.map((p) => p.path)).to.deep.equal([
      'resources/secrets/namespaces/a/bad.json',
      'resources/secrets/namespaces/a/nokind.json',
    ]);
  });
});
