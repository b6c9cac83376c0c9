import { describe, expect, it } from 'vitest';
import { ConflictError, DomainError, errorFor, EventRefusedError, NotFoundError, RefusedError } from './DomainError.ts';
import { errorCatalog, ErrorKinds, type ErrorCode } from './errorCatalog.ts';
import { errorBody, httpStatusOf, statusOf } from '../http/httpErrors.ts';

describe('domain errors', () => {
  it('take their kind and message from the catalogue, not from HTTP', () => {
    const e = new NotFoundError('case.not-found', { id: 'c1' });
    expect(e).toBeInstanceOf(DomainError);
    expect(e.kind).toBe('not-found');
    expect(e.message).toBe('案件不存在');
    expect(e.name).toBe('NotFoundError');
    expect('status' in e).toBe(false);
  });

  it('errorFor builds the class of the code’s kind', () => {
    for (const code of Object.keys(errorCatalog) as ErrorCode[]) {
      const e = errorFor(code, { x: 1 });
      expect(e.kind, code).toBe(errorCatalog[code].kind);
      expect(e.constructor.name.replace(/Error$/, '').toLowerCase(), code).not.toBe('domain');
    }
    expect(errorFor('case.version-conflict')).toBeInstanceOf(ConflictError);
    expect(errorFor('case.data-invalid')).toBeInstanceOf(RefusedError);
  });

  it('a refused event keeps the engine diagnostics, typed and in the details', () => {
    const d = { code: 'run.unknown-timer', severity: 'info' as const, path: '/timerId', message: { 'zh-CN': '定时器', en: 'timer' } };
    const e = new EventRefusedError('case.event-rejected', [d]);
    expect(e.diagnostics[0]!.code).toBe('run.unknown-timer');
    expect(e.details.diagnostics).toEqual([{ code: d.code, path: d.path, message: d.message }]);
  });
});

describe('HTTP mapping (http/httpErrors.ts)', () => {
  it('gives every kind a 4xx/5xx status, and only internal is 5xx', () => {
    for (const kind of ErrorKinds) {
      expect(httpStatusOf[kind], kind).toBeGreaterThanOrEqual(400);
      expect(httpStatusOf[kind] >= 500, kind).toBe(kind === 'internal');
    }
    expect(statusOf(new ConflictError('case.version-conflict'))).toBe(409);
    expect(statusOf(new RefusedError('case.data-invalid'))).toBe(422);
  });

  it('answers zh-CN by default, English on request, English always in details', () => {
    const e = new NotFoundError('task.not-found', { id: 't1' });
    expect(errorBody(e)).toEqual({ error: { code: 'task.not-found', message: '待办不存在', details: { en: 'No such task', id: 't1' } } });
    expect(errorBody(e, 'en').error.message).toBe('No such task');
  });
});
