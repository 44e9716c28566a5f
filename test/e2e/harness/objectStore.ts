/**
 * An S3-compatible object store on loopback: moto's server mode. moto does not check signatures, so
 * any access key works; the bucket is created with one unsigned path-style PUT.
 */
import { join } from 'node:path';
import { BackgroundProcess, freeLoopbackPort, waitFor } from './proc.js';

export interface ObjectStore {
  /** http://127.0.0.1:PORT, for the BackupStorageLocation's s3Url. */
  url: string;
  bucket: string;
  region: string;
  stop(): Promise<void>;
}

export async function startObjectStore(motoServer: string, workDir: string, bucket = 'velero'): Promise<ObjectStore> {
  const port = await freeLoopbackPort();
  const url = `http://127.0.0.1:${port}`;
  const process_ = BackgroundProcess.start(
    'moto_server',
    motoServer,
    ['-H', '127.0.0.1', '-p', String(port)],
    join(workDir, 'moto.log'),
  );
  try {
    await waitFor(
      `moto_server on ${url}`,
      async () => {
        process_.assertRunning();
        const response = await fetch(`${url}/`, { signal: AbortSignal.timeout(2_000) });
        return response.status < 500;
      },
      { timeoutMs: 60_000, intervalMs: 300 },
    );
    const created = await fetch(`${url}/${bucket}`, { method: 'PUT', signal: AbortSignal.timeout(10_000) });
    if (!created.ok)
      throw new Error(`creating bucket ${bucket} on moto failed: HTTP ${created.status} ${await created.text()}`);
  } catch (err) {
    await process_.stop();
    throw err;
  }
  return { url, bucket, region: 'us-east-1', stop: () => process_.stop() };
}
