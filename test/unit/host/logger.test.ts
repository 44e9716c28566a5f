import { expect } from 'chai';
import { JsonLineLogger, MAX_LINE_BYTES, formatLogLine, type LogLevel } from '../../../src/host/logger.js';

function capture(level: LogLevel) {
  const lines: string[] = [];
  const logger = new JsonLineLogger({ level, sink: (line) => lines.push(line), source: 'test-source' });
  const parsed = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, parsed };
}

describe('host/logger JsonLineLogger', () => {
  it('writes one newline-terminated JSON object per call with @level, @message and a log source', () => {
    const { logger, lines, parsed } = capture('trace');
    logger.info('hello', { count: 3 });
    expect(lines).to.have.length(1);
    expect(lines[0]).to.match(/\n$/);
    expect(lines[0]!.trimEnd()).not.to.include('\n');
    expect(parsed()[0]).to.deep.equal({
      '@level': 'info',
      '@message': 'hello',
      '@logSourceSetBy': 'plugin',
      logSource: 'test-source',
      count: 3,
    });
  });

  it('uses only the level names go-plugin accepts and never sets @timestamp', () => {
    const { logger, parsed } = capture('trace');
    logger.trace('t');
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(parsed().map((entry) => entry['@level'])).to.deep.equal(['trace', 'debug', 'info', 'warn', 'error']);
    for (const entry of parsed()) expect(entry).not.to.have.property('@timestamp');
  });

  it('drops lines below its level', () => {
    const { logger, parsed } = capture('warn');
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(parsed().map((entry) => entry['@message'])).to.deep.equal(['w', 'e']);
  });

  it('carries fields from with() into every line, call fields winning', () => {
    const { logger, parsed } = capture('info');
    const child = logger.with({ action: 'a', kind: 'Order' });
    child.info('x', { kind: 'Challenge' });
    logger.info('y');
    expect(parsed()[0]).to.include({ action: 'a', kind: 'Challenge' });
    expect(parsed()[1]).not.to.have.property('action');
  });

  it('child() sets the log source and adds fields in one step, leaving the parent as it was', () => {
    const { logger, parsed } = capture('info');
    const child = logger.with({ backup: 'b' }).child('an-action', { action: 'an-action', kind: 'Order' });
    child.info('x');
    logger.info('y');
    expect(parsed()[0]).to.deep.equal({
      '@level': 'info',
      '@message': 'x',
      '@logSourceSetBy': 'plugin',
      logSource: 'an-action',
      backup: 'b',
      action: 'an-action',
      kind: 'Order',
    });
    expect(parsed()[1]).to.deep.equal({
      '@level': 'info',
      '@message': 'y',
      '@logSourceSetBy': 'plugin',
      logSource: 'test-source',
    });
  });

  it('renames keys Velero would drop or go-plugin would interpret, and ignores @-keys', () => {
    const { logger, parsed } = capture('info');
    logger.info('m', { level: 'x', time: 1, timestamp: 2, '@level': 'error', '@message': 3 });
    expect(parsed()[0]).to.deep.include({
      '@level': 'info',
      '@message': 'm',
      'field.level': 'x',
      'field.time': 1,
      'field.timestamp': 2,
    });
    expect(parsed()[0]).not.to.have.property('level');
  });

  it('serialises errors, BigInts and cycles without throwing', () => {
    const { logger, parsed } = capture('info');
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    logger.info('m', { error: new Error('boom'), big: 10n, cyclic });
    expect(parsed()[0]).to.deep.include({ error: 'boom', big: '10', cyclic: { a: 1, self: '[circular]' } });
  });

  it('serialises a BigInt nested in a field, and a field whose toJSON throws, without throwing', () => {
    const { logger, parsed } = capture('info');
    logger.info('m', { nested: { big: 7n } });
    logger.info('n', {
      bad: {
        toJSON() {
          throw new Error('no');
        },
      },
    });
    expect(parsed()[0]).to.deep.include({ nested: { big: '7' } });
    expect(parsed()).to.have.length(2);
  });

  it('never throws when the sink fails', () => {
    const logger = new JsonLineLogger({
      level: 'info',
      sink: () => {
        throw new Error('EPIPE');
      },
    });
    expect(() => logger.info('m')).not.to.throw();
  });

  it('keeps lines below the 64 KiB go-plugin line buffer, preserving level and message start', () => {
    const huge = 'x'.repeat(200_000);
    const line = formatLogLine('warn', huge, {
      a: huge,
      b: { nested: huge },
      c: Array.from({ length: 5000 }, (_, i) => i),
    });
    expect(Buffer.byteLength(line)).to.be.below(MAX_LINE_BYTES + 1);
    const entry = JSON.parse(line) as Record<string, unknown>;
    expect(entry['@level']).to.equal('warn');
    expect(entry['@message'])
      .to.be.a('string')
      .and.match(/^x{100}/);
  });

  it('keeps lines short even with thousands of small fields', () => {
    const fields = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i]));
    const line = formatLogLine('info', 'many', fields);
    expect(Buffer.byteLength(line)).to.be.at.most(MAX_LINE_BYTES + 1);
    expect(JSON.parse(line)).to.include({ '@level': 'info', '@message': 'many' });
  });
});
