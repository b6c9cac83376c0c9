import { HELPER_NAMES, parseTemplate } from './check.ts';
import { MAX_TEMPLATE_LENGTH } from './helperSpecs.ts';
import { ROOT_SCOPE, resolvePath, walkProgram } from './walk.ts';

/**
 * The data paths a template reads, sorted: `{{case.ref}}` → 'case.ref';
 * inside `{{#each case.items}}`, `{{name}}` → 'case.items[].name'; `{{#with org}}{{name}}` → 'org.name'.
 * Helper names, `@index`-style variables and unparsable or too-long templates yield nothing.
 */
export function templateVars(source: string): string[] {
  if (source.length > MAX_TEMPLATE_LENGTH) return [];
  const parsed = parseTemplate(source, '');
  if (!parsed.ok) return [];
  const found = new Set<string>();
  walkProgram(
    parsed.ast,
    ROOT_SCOPE,
    {
      call: () => undefined,
      construct: () => undefined,
      path: (p, scope) => {
        const r = p.parts.length > 0 ? resolvePath(p, scope) : null;
        if (r) found.add(r);
      },
    },
    HELPER_NAMES,
  );
  return [...found].sort();
}
