import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { buildLoggerOptions } from './logger';

function logLine(object: Record<string, unknown>): Record<string, unknown> {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  pino(buildLoggerOptions('info'), stream).info(object, 'logged');
  return JSON.parse(lines[0]!) as Record<string, unknown>;
}

describe('log redaction', () => {
  it('redacts secrets by exact key and keeps domain fields such as authorisationType', () => {
    const line = logLine({
      body: {
        password: 'p',
        token: 't',
        apiKey: 'k',
        authorisationType: 'AEO-S',
        authorisationId: 'a1',
        apiKeyId: 'k1',
      },
      upstream: { authorization: 'Bearer x', cookie: 'c', authorisation: 'AEO-S' },
    });
    expect(line.body).toEqual({
      password: '[redacted]',
      token: '[redacted]',
      apiKey: '[redacted]',
      authorisationType: 'AEO-S',
      authorisationId: 'a1',
      apiKeyId: 'k1',
    });
    expect(line.upstream).toEqual({
      authorization: '[redacted]',
      cookie: '[redacted]',
      authorisation: 'AEO-S',
    });
  });
});
