/**
 * A small reader for the gzip-compressed tar files `velero backup download` writes (Go's archive/tar:
 * ustar headers, PAX extended headers for long names). Only regular files are returned; the reader is
 * bounded (entry count, total size) so a hostile or corrupt file cannot exhaust memory or loop.
 */
import { gunzipSync } from 'node:zlib';
import { at } from '../checked.js';

export interface TarEntry {
  path: string;
  data: Buffer;
}

export class TarFormatError extends Error {
  override name = 'TarFormatError';
}

const BLOCK = 512;
const MAX_ENTRIES = 1_000_000;
/** A backup of a very large cluster is a few hundred MB unpacked; beyond this we refuse rather than swap. */
const MAX_UNPACKED_BYTES = 2 * 1024 * 1024 * 1024;

function text(block: Buffer, offset: number, length: number): string {
  const slice = block.subarray(offset, offset + length);
  const nul = slice.indexOf(0);
  return slice.subarray(0, nul < 0 ? slice.length : nul).toString('utf8');
}

/** Numeric header fields: octal text, or GNU base-256 when the high bit is set. */
function number(block: Buffer, offset: number, length: number): number {
  const first = at(block, offset);
  if (first & 0x80) {
    let value = 0;
    for (let i = 1; i < length; i++) value = value * 256 + at(block, offset + i);
    return value;
  }
  const raw = text(block, offset, length).trim();
  if (raw === '') return 0;
  if (!/^[0-7]+$/.test(raw)) throw new TarFormatError(`invalid number field "${raw}" in a tar header`);
  return parseInt(raw, 8);
}

function checksumMatches(block: Buffer): boolean {
  const stored = number(block, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : at(block, i);
  return sum === stored;
}

/** PAX records: "<len> <key>=<value>\n". */
function paxRecords(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let pos = 0;
  while (pos < data.length) {
    const space = data.indexOf(0x20, pos);
    if (space < 0) break;
    const len = parseInt(data.subarray(pos, space).toString('ascii'), 10);
    if (!Number.isFinite(len) || len <= 0 || pos + len > data.length)
      throw new TarFormatError('invalid PAX header record');
    const record = data.subarray(space + 1, pos + len - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    pos += len;
  }
  return out;
}

/** Every regular file of an uncompressed tar stream, in archive order. */
function readTar(tar: Buffer): TarEntry[] {
  const entries: TarEntry[] = [];
  let pos = 0;
  let pendingPath: string | undefined;
  let globalPax: Record<string, string> = {};
  let total = 0;
  while (pos + BLOCK <= tar.length) {
    const header = tar.subarray(pos, pos + BLOCK);
    if (header.every((b) => b === 0)) break; // end-of-archive marker
    if (!checksumMatches(header)) throw new TarFormatError(`bad tar header checksum at offset ${pos}`);
    const size = number(header, 124, 12);
    const type = String.fromCharCode(at(header, 156));
    const dataStart = pos + BLOCK;
    const dataEnd = dataStart + size;
    if (dataEnd > tar.length) throw new TarFormatError(`tar entry at offset ${pos} is truncated`);
    const data = tar.subarray(dataStart, dataEnd);
    pos = dataStart + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'x') {
      pendingPath = paxRecords(data).path ?? pendingPath;
      continue;
    }
    if (type === 'g') {
      globalPax = { ...globalPax, ...paxRecords(data) };
      continue;
    }
    if (type === 'L') {
      pendingPath = text(data, 0, data.length);
      continue;
    }
    const magic = text(header, 257, 6);
    const prefix = magic.startsWith('ustar') ? text(header, 345, 155) : '';
    const name = text(header, 0, 100);
    const path = pendingPath ?? globalPax.path ?? (prefix ? `${prefix}/${name}` : name);
    pendingPath = undefined;
    if (type !== '0' && type !== '\0' && type !== '7') continue; // directories, links, devices: not backup items
    total += size;
    if (total > MAX_UNPACKED_BYTES)
      throw new TarFormatError(`the archive unpacks to more than ${MAX_UNPACKED_BYTES} bytes`);
    if (entries.length >= MAX_ENTRIES) throw new TarFormatError(`the archive has more than ${MAX_ENTRIES} files`);
    entries.push({ path: path.replace(/^\.\//, ''), data: Buffer.from(data) });
  }
  return entries;
}

/** Reads a .tar.gz (or a plain .tar: gzip is detected by its magic bytes). */
export function readTarGz(file: Buffer): TarEntry[] {
  const gzipped = file.length >= 2 && file[0] === 0x1f && file[1] === 0x8b;
  let tar: Buffer;
  try {
    tar = gzipped ? gunzipSync(file, { maxOutputLength: MAX_UNPACKED_BYTES }) : file;
  } catch (err) {
    throw new TarFormatError(`not a valid gzip file: ${(err as Error).message}`);
  }
  return readTar(tar);
}
