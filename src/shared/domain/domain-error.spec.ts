import { DomainError } from './domain-error.js';

describe('DomainError', () => {
  it('carries a stable code and defaults to unprocessable', () => {
    const error = new DomainError('INCIDENT.INVALID_TRANSITION', 'nope');
    expect(error.code).toBe('INCIDENT.INVALID_TRANSITION');
    expect(error.kind).toBe('unprocessable');
    expect(DomainError.notFound('X.NOT_FOUND', 'missing').kind).toBe('not_found');
  });
});
