/**
 * Validates a response against what the OpenAPI document declares for its operation and status:
 * the JSON body against the declared schema, files against the declared media types. Every
 * integration test's HTTP client runs it on every answer, so the document cannot drift from the server.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { fullFormats } from 'ajv-formats/dist/formats.js';

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>> };
type Route = { method: string; template: string; re: RegExp; params: number };

/** Checks one response; returns a problem description, or undefined when it matches the document. */
export type ResponseCheck = (method: string, url: string, status: number, contentType: string, body: unknown) => string | undefined;

const pointer = (...parts: string[]) => parts.map((p) => '/' + p.replace(/~/g, '~0').replace(/\//g, '~1')).join('');

/** Builds the checker for a document (schemas compiled once, on first use). */
export function createResponseValidator(doc: Doc): ResponseCheck {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  for (const name of ['date', 'date-time', 'email', 'uuid'] as const) ajv.addFormat(name, fullFormats[name] as never);
  ajv.addSchema(doc as object, 'openapi');
  const routes: Route[] = Object.entries(doc.paths).flatMap(([template, methods]) => Object.keys(methods).map((method) => ({
    method, template, params: (template.match(/\{/g) ?? []).length,
    re: new RegExp('^' + template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+') + '$'),
  })));
  const compiled = new Map<string, ValidateFunction>();
  const validator = (ptr: string) => {
    if (!compiled.has(ptr)) compiled.set(ptr, ajv.compile({ $ref: 'openapi#' + ptr }));
    return compiled.get(ptr)!;
  };
  return (method, url, status, contentType, body) => {
    // as fetch and Express see it: dot segments resolved, a trailing slash ignored (non-strict routing)
    const path = new URL(url, 'http://localhost').pathname.replace(/(.)\/$/, '$1');
    const route = routes.filter((r) => r.method === method.toLowerCase() && r.re.test(path)).sort((a, b) => a.params - b.params)[0];
    if (!route && path === '/api/openapi.json') return undefined; // the document itself
    // /ext/<plugin>/… speaks each adapter's own protocol (FHIR, Open311, signed webhooks): not this API
    if (!route && path.startsWith('/ext/')) return undefined;
    if (!route) {
      // Not an operation: only the coded 404/405 error body may answer.
      return status >= 400 ? check(validator(pointer('components', 'schemas', 'Error')), body, `${method} ${path}`) : `${method} ${path} answered ${status} but is not in the document`;
    }
    const responses = doc.paths[route.template]![route.method]!.responses;
    const key = String(status) in responses ? String(status) : `${String(status)[0]}XX`;
    const declared = responses[key];
    if (!declared) return `${method} ${route.template} answered ${status}, which the document does not declare (declared: ${Object.keys(responses).join(', ')})`;
    const media = contentType.split(';')[0]!.trim().toLowerCase();
    const content = declared.content ?? {};
    if (!Object.keys(content).length) return body === '' || body === undefined ? undefined : `${method} ${route.template} ${status}: a body was sent but none is declared`;
    if (!(media in content)) return `${method} ${route.template} ${status}: content type ${media || '(none)'} is not declared (${Object.keys(content).join(', ')})`;
    if (media !== 'application/json') return undefined;
    return check(validator(pointer('paths', route.template, route.method, 'responses', key, 'content', media, 'schema')), body, `${method} ${route.template} ${status}`);
  };
}

function check(v: ValidateFunction, body: unknown, where: string): string | undefined {
  if (v(body)) return undefined;
  const errors = (v.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
  return `${where}: the body does not match the declared schema: ${errors.join('; ')}`;
}
