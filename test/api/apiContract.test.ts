/**
 * The API contract a client can trust: every operation of /api/openapi.json declares its real
 * success body (a named schema, or file content types), public operations say `security: []`,
 * the document passes Redocly's `recommended` rules with no problem at all, and the workbench's
 * generated client types are what the document produces today. (Every integration test's client
 * also validates each answer against the document: runtime/src/testing/responseValidator.ts.)
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { apiTypesFile, apiTypesSource, openApiDocument } from '../../scripts/genApiTypes.ts';

type Op = { operationId: string; security?: unknown[]; responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }> };
type Doc = { paths: Record<string, Record<string, Op>>; security?: unknown[]; components: { schemas: Record<string, Record<string, unknown>> } };

describe('the OpenAPI document', () => {
  let doc: Doc;
  let ops: Array<[string, string, Op]>;
  beforeAll(async () => {
    doc = (await openApiDocument()) as Doc;
    ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([m, op]) => [`${m.toUpperCase()} ${path}`, m, op] as [string, string, Op]));
  });

  it('declares a real success body for every operation', () => {
    const bare: string[] = [];
    for (const [name, , op] of ops) {
      const success = Object.entries(op.responses).filter(([s]) => /^2/.test(s));
      if (!success.length) bare.push(`${name}: no success response`);
      for (const [status, r] of success) {
        for (const [type, c] of Object.entries(r.content ?? {})) {
          const s = c.schema ?? {};
          const named = typeof s.$ref === 'string' && doc.components.schemas[(s.$ref as string).split('/').pop()!];
          if (type === 'application/json' && !named) bare.push(`${name} ${status}: not a named schema`);
          if (named && named.type === 'object' && !named.properties && !named.additionalProperties) bare.push(`${name} ${status}: an empty object`);
        }
      }
    }
    expect(bare).toEqual([]);
  });

  it('declares 201 where the server creates a record, and security [] on public operations', () => {
    const created = ops.filter(([, , op]) => '201' in op.responses).map(([, , op]) => op.operationId).sort();
    expect(created).toEqual(expect.arrayContaining(['addComment', 'createCase', 'createDraft', 'uploadAttachment']));
    for (const [, , op] of ops) if ('201' in op.responses) expect(op.responses['200']).toBeUndefined();
    expect(doc.security).toEqual([{ bearer: [] }]);
    const open = ops.filter(([, , op]) => Array.isArray(op.security) && op.security.length === 0).map(([, , op]) => op.operationId);
    expect(open).toContain('login');
    expect(open).toContain('clientConfig');
  });

  it('describes attachment upload and download as they behave (content types, bytes, Content-Disposition)', () => {
    const upload = (doc.paths['/api/cases/{id}/attachments']!.post as unknown as { requestBody: { content: Record<string, { schema: Record<string, unknown> }> } }).requestBody;
    expect(Object.keys(upload.content)).toContain('image/jpeg');
    expect(upload.content['image/png']!.schema).toMatchObject({ type: 'string', format: 'binary' });
    const download = doc.paths['/api/cases/{id}/attachments/{attachmentId}']!.get!.responses['200'] as { content: Record<string, unknown>; headers: Record<string, unknown> };
    expect(Object.keys(download.content)).toEqual(expect.arrayContaining(['image/jpeg', 'application/pdf']));
    expect(download.headers['Content-Disposition']).toBeDefined();
  });

  it("passes @redocly's recommended rules with no error and no warning", async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: 'openapi.json', config });
    expect(problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
  });

  it('is what the committed client types were generated from (run `npx tsx scripts/genApiTypes.ts`)', async () => {
    expect(readFileSync(apiTypesFile, 'utf8')).toBe(await apiTypesSource(doc as never));
  });
});
