import { expect } from 'chai';
import { existsSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { chooseSocketPath, MAX_SOCKET_PATH_BYTES } from '../../../src/host/socket-path.js';

describe('host/socket-path', () => {
  it('names the socket in the given directory when the path fits', () => {
    const location = chooseSocketPath('/run/velero');
    expect(location.path).to.match(/^\/run\/velero\/plugin\d{10}$/);
    expect(location.privateDir).to.equal(undefined);
  });

  it('makes a private directory under /tmp when the given one is too long', () => {
    const location = chooseSocketPath(`/var/${'x'.repeat(200)}`);
    try {
      expect(location.privateDir).to.match(/^\/tmp\/vcm-/);
      expect(dirname(location.path)).to.equal(location.privateDir);
      expect(Buffer.byteLength(location.path)).to.be.at.most(MAX_SOCKET_PATH_BYTES);
      expect(existsSync(location.privateDir ?? '')).to.equal(true);
    } finally {
      rmSync(location.privateDir ?? '', { recursive: true, force: true });
    }
  });

  it('fails with a clear error when no directory gives a short enough path', () => {
    expect(() => chooseSocketPath(`/var/${'x'.repeat(200)}`, 10)).to.throw(/exceed the platform's 10-byte limit/);
  });
});
