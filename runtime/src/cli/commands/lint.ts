/**
 * `tongban lint <file...> [--json]`: validation plus semantic lint (dead ends, unknown roles, ...).
 * Sub-case and spawn targets resolve against the files linted together and the service items that
 * ship with Tongban, so a spawn of an unknown item or one whose input misses the child's intake is caught.
 */
import { lint, loadDefinition, type Definition } from '@tongban/engine';
import { countyCalendars } from '@tongban/definitions/calendars';
import { serviceItems } from '@tongban/definitions/service-items';
import { checkFiles, parseArgs, readDefinition } from '../io.ts';

export const summary = '检查定义的语义问题 Lint definitions (unreachable states, dead ends, unknown roles, ...)';

function loaded(results: Array<{ ok: boolean; definition?: Definition }>): Definition[] {
  return results.flatMap((r) => (r.ok && r.definition ? [r.definition] : []));
}

/** Runs the command; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const files = parseArgs(args).positional;
  const shipped = loaded(Object.values(serviceItems).map((d) => loadDefinition(d as object)));
  const siblings = loaded(files.map(readDefinition));
  // a file linted now wins over the shipped item of the same id (it is the newer draft)
  const byId = new Map([...shipped, ...siblings].map((d) => [d.id, d]));
  const options = { definitions: [...byId.values()], knownCalendars: countyCalendars.map((c) => c.id) };
  return checkFiles(args, 'tongban lint <file...> [--json]', (definition) => lint(definition, options));
}
