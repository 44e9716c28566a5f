/**
 * Where the gRPC server listens. A unix socket path must fit in sockaddr_un's sun_path (108 bytes on
 * Linux, 104 on macOS and the BSDs, NUL included); the kernel or grpc-js would otherwise shorten it
 * silently, and the handshake would announce a path nothing listens on. A directory whose socket path
 * would not fit (a long PLUGIN_UNIX_SOCKET_DIR or TMPDIR) is replaced by a fresh private directory under
 * /tmp; if even that does not fit, start-up fails with a clear error.
 */
import { randomInt } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** The longest socket path, in bytes, the platform's sockaddr_un holds (without the terminating NUL). */
export const MAX_SOCKET_PATH_BYTES = process.platform === 'linux' ? 107 : 103;
/** The short directory used when the given one is too long. */
const FALLBACK_PARENT = '/tmp';

export interface SocketLocation {
  path: string;
  /** Set when the given directory was too long: the private directory made instead (removed on stop). */
  privateDir?: string;
}

/** `<dir>/plugin<10 random digits>`, as go-plugin's Go servers name theirs; never longer than the platform allows. */
export function chooseSocketPath(dir: string, maxBytes = MAX_SOCKET_PATH_BYTES): SocketLocation {
  const sample = join(dir, `plugin${'0'.repeat(10)}`);
  if (Buffer.byteLength(sample) <= maxBytes) return { path: freshName(dir) };
  const privateDir = mkdtempSync(join(FALLBACK_PARENT, 'vcm-'));
  const path = freshName(privateDir);
  if (Buffer.byteLength(path) > maxBytes) {
    rmSync(privateDir, { recursive: true, force: true });
    throw new Error(
      `cannot place the plugin's unix socket: ${sample.length} bytes in ${JSON.stringify(dir.slice(0, 200))} and ` +
        `${path.length} in ${FALLBACK_PARENT} exceed the platform's ${maxBytes}-byte limit`,
    );
  }
  return { path, privateDir };
}

function freshName(dir: string): string {
  for (let attempt = 0; attempt < 100; attempt++) {
    const candidate = join(dir, `plugin${randomInt(1e9, 1e10)}`);
    if (!existsSync(candidate)) return candidate;
  }
  throw new Error(`cannot find a free socket name in ${dir}`);
}
