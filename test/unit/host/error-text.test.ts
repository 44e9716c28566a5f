import { expect } from 'chai';
import { boundedMessage, quoteName, safeErrorText, stackFrames } from '../../../src/host/error-text.js';

describe('host/error-text', () => {
  it('leaves short messages alone and cuts long ones with a marker, within the byte bound', () => {
    expect(boundedMessage('short')).to.equal('short');
    const cut = boundedMessage('é'.repeat(10_000), 100);
    expect(Buffer.byteLength(cut)).to.be.at.most(100);
    expect(cut).to.match(/^é+… \[truncated \d+ bytes\]$/);
    expect(cut).not.to.include('\uFFFD');
  });

  it('quotes names, shortening long ones', () => {
    expect(quoteName('web')).to.equal('"web"');
    expect(quoteName('n'.repeat(1000))).to.match(/^"n{253}"… \(1000 characters\)$/);
  });

  it("withholds an engine error's message but keeps the plugin's own", () => {
    let engine: unknown;
    try {
      const value: unknown = 's3cr3t';
      expect('k' in (value as object)).to.equal(false);
    } catch (err) {
      engine = err;
    }
    expect(safeErrorText(engine)).to.match(/^TypeError in the plugin/);
    expect(safeErrorText(engine)).not.to.include('s3cr3t');
    expect(safeErrorText(new Error('cannot list deployments'))).to.equal('cannot list deployments');
    expect(stackFrames(engine)).not.to.include('s3cr3t');
    expect(stackFrames(engine)).to.match(/^ {4}at /);
  });
});
