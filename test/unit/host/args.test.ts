import { expect } from 'chai';
import { logLevelFromArgs } from '../../../src/host/args.js';

describe('host/args logLevelFromArgs', () => {
  it('defaults to info when Velero >= 1.15 passes server flags without --log-level', () => {
    expect(logLevelFromArgs(['--uploader-type=kopia', '--features=EnableCSI', 'positional'])).to.deep.equal({
      level: 'info',
    });
  });

  it('reads the two-token form Velero <= 1.14 passes', () => {
    expect(logLevelFromArgs(['--log-level', 'debug', '--features', 'EnableCSI']).level).to.equal('debug');
  });

  it('reads --x=y and single-dash forms, the last one winning', () => {
    expect(logLevelFromArgs(['--log-level=error', '-log-level', 'trace']).level).to.equal('trace');
    expect(logLevelFromArgs(['-log-level=debug']).level).to.equal('debug');
  });

  it('maps logrus names to go-plugin levels (warning -> warn, fatal/panic -> error)', () => {
    expect(logLevelFromArgs(['--log-level', 'warning']).level).to.equal('warn');
    expect(logLevelFromArgs(['--log-level', 'FATAL']).level).to.equal('error');
    expect(logLevelFromArgs(['--log-level', 'panic']).level).to.equal('error');
  });

  it('falls back to info and reports an unknown level', () => {
    expect(logLevelFromArgs(['--log-level', 'loud'])).to.deep.equal({ level: 'info', unrecognised: 'loud' });
  });

  it('does not consume the next flag when --log-level ends the list', () => {
    expect(logLevelFromArgs(['--log-level'])).to.deep.equal({ level: 'info' });
  });

  it('ignores flags that merely start with log-level', () => {
    expect(logLevelFromArgs(['--log-level-extra', 'debug']).level).to.equal('info');
  });
});
