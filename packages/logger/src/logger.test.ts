import { Writable } from 'node:stream';
import { createLogger } from './index';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { lines, stream };
}

describe('createLogger', () => {
  it('when a line is written, then it is JSON with service, level label and ISO time', () => {
    const { lines, stream } = capture();
    createLogger({ service: 'catalog' }, stream).info({ action: 'boot' }, 'started');
    expect(lines[0]).toMatchObject({ service: 'catalog', level: 'info', action: 'boot', msg: 'started' });
    expect(new Date(lines[0]!.time as string).toISOString()).toBe(lines[0]!.time);
  });

  it('when a payload carries a password or tokens, then they are redacted', () => {
    const { lines, stream } = capture();
    createLogger({ service: 'auth' }, stream).info({ body: { password: 'Secret123', accessToken: 'abc' } });
    expect(lines[0]!.body).toEqual({ password: '[redacted]', accessToken: '[redacted]' });
  });

  it('when the level is warn, then info lines are dropped', () => {
    const { lines, stream } = capture();
    const logger = createLogger({ service: 'x', level: 'warn' }, stream);
    logger.info('hidden');
    logger.warn('shown');
    expect(lines.map((l) => l.msg)).toEqual(['shown']);
  });
});
