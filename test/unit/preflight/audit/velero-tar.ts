/**
 * Test helper: writes tarballs the way Velero's backupper does (Go archive/tar, gzip): regular files with
 * mode 0755, USTAR headers (a long path split into prefix and name when it fits), PAX headers otherwise,
 * each item under resources/<resource.group>/{namespaces/<ns>,cluster}/<name>.json and again under the
 * v1-preferredversion folder, plus metadata/version.
 */
import { gzipSync } from 'node:zlib';

function header(name: string, size: number, type: string, prefix = ''): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, 'utf8');
  h.write('0000755\0', 100, 'ascii');
  h.write('0000000\0', 108, 'ascii');
  h.write('0000000\0', 116, 'ascii');
  h.write(size.toString(8).padStart(11, '0') + '\0', 124, 'ascii');
  h.write(
    Math.floor(Date.UTC(2026, 0, 1) / 1000)
      .toString(8)
      .padStart(11, '0') + '\0',
    136,
    'ascii',
  );
  h.write(type, 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  h.write(prefix, 345, 155, 'utf8');
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
  return h;
}

function pad(data: Buffer): Buffer {
  const rest = data.length % 512;
  return rest ? Buffer.concat([data, Buffer.alloc(512 - rest)]) : data;
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let len = body.length + 1;
  while (`${len}${body}`.length !== len) len = `${len}${body}`.length;
  return `${len}${body}`;
}

export function tarFile(path: string, data: Buffer | string, blocks: Buffer[]): void {
  const content = typeof data === 'string' ? Buffer.from(data) : data;
  if (Buffer.byteLength(path) <= 100) {
    blocks.push(header(path, content.length, '0'));
  } else {
    const slash = path.lastIndexOf('/', 155);
    const fits =
      slash > 0 && Buffer.byteLength(path.slice(slash + 1)) <= 100 && Buffer.byteLength(path.slice(0, slash)) <= 155;
    if (fits) blocks.push(header(path.slice(slash + 1), content.length, '0', path.slice(0, slash)));
    else {
      const pax = Buffer.from(paxRecord('path', path));
      blocks.push(header('PaxHeaders.0/x', pax.length, 'x'), pad(pax));
      blocks.push(header(path.slice(0, 100), content.length, '0'));
    }
  }
  blocks.push(pad(content));
}

export interface Obj {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [k: string]: unknown };
  [k: string]: unknown;
}

/** Velero's group-resource string for the object. */
export type Resource = string;

export function veleroBackupTarball(
  items: [Resource, Obj][],
  options: { preferredVersionCopy?: boolean } = {},
): Buffer {
  const blocks: Buffer[] = [];
  tarFile('metadata/version', '1.1.0', blocks);
  for (const [resource, obj] of items) {
    const json = JSON.stringify(obj);
    const scope = obj.metadata.namespace ? `namespaces/${obj.metadata.namespace}` : 'cluster';
    tarFile(`resources/${resource}/${scope}/${obj.metadata.name}.json`, json, blocks);
    if (options.preferredVersionCopy !== false) {
      const version = obj.apiVersion.split('/').pop()!;
      tarFile(`resources/${resource}/${version}-preferredversion/${scope}/${obj.metadata.name}.json`, json, blocks);
    }
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}
