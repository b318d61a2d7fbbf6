import { Logger, type LoggerService } from '@nestjs/common';
import { QueryLogger } from './query-logger.js';

describe('QueryLogger', () => {
  const lines: string[] = [];
  const capture: LoggerService = {
    log: (m: unknown) => lines.push(String(m)),
    error: (m: unknown) => lines.push(String(m)),
    warn: (m: unknown) => lines.push(String(m)),
  };
  beforeAll(() => Logger.overrideLogger(capture));
  afterAll(() => Logger.overrideLogger(['error', 'warn', 'log']));

  it('logs a failed statement and the database error, never its parameters', () => {
    new QueryLogger().logQueryError(
      new Error('duplicate key value violates unique constraint "api_tokens_token_hash_key"'),
      'INSERT INTO "api_tokens"("user_id", "name", "token_hash")\n   VALUES ($1, $2, $3)',
      ['5d1c…', 'ci', 'bct_secret-token-value-that-must-never-be-logged'],
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('INSERT INTO "api_tokens"("user_id", "name", "token_hash") VALUES ($1, $2, $3)');
    expect(lines[0]).toContain('api_tokens_token_hash_key');
    expect(lines[0]).not.toContain('bct_secret-token-value');
  });
});
