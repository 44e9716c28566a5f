/** System errors in words: users read "no such file or directory", not ENOENT. */

/** A file the command must read or write cannot be: printed as it is, exit code 2 (no pointer to --help). */
export class InputError extends Error {}

const ERRNO_WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'file name too long',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EMFILE: 'too many open files',
  EBUSY: 'resource busy',
  EEXIST: 'file exists',
  EIO: 'input/output error',
};

/** The error's errno code in words (with the code kept for searching), else its message. */
export function describeSystemError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code !== undefined && ERRNO_WORDS[code] !== undefined) return `${ERRNO_WORDS[code]} (${code})`;
  return err instanceof Error ? err.message : String(err);
}

/** Why a program could not be started: "velero not found on PATH" rather than "spawnSync velero ENOENT". */
export function describeSpawnError(program: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return program.includes('/') ? `${program} does not exist` : `${program} not found on PATH`;
  if (code === 'EACCES') return `${program} is not executable (permission denied)`;
  return describeSystemError(err);
}
