import { expect } from 'chai';
import { describeSpawnError, describeSystemError } from '../../../../src/preflight/commands/errors.js';

/** An error as Node's fs and child_process raise them: a message plus an errno code. */
function systemError(code: string, message = `${code}: something failed`): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

describe('preflight/commands/errors', () => {
  it('names a known errno code in words and keeps the code for searching', () => {
    expect(describeSystemError(systemError('ENOENT'))).to.equal('no such file or directory (ENOENT)');
    expect(describeSystemError(systemError('EACCES'))).to.equal('permission denied (EACCES)');
  });

  it('falls back to the message for an unknown code, and to the text of a non-error', () => {
    expect(describeSystemError(systemError('EWEIRD', 'odd failure'))).to.equal('odd failure');
    expect(describeSystemError('plain text')).to.equal('plain text');
  });

  it('says a program is missing from PATH, or that a given path does not exist', () => {
    expect(describeSpawnError('velero', systemError('ENOENT'))).to.equal('velero not found on PATH');
    expect(describeSpawnError('/opt/velero', systemError('ENOENT'))).to.equal('/opt/velero does not exist');
  });

  it('says a program cannot be executed, else describes the system error', () => {
    expect(describeSpawnError('velero', systemError('EACCES'))).to.equal(
      'velero is not executable (permission denied)',
    );
    expect(describeSpawnError('velero', systemError('EMFILE'))).to.equal('too many open files (EMFILE)');
  });
});
