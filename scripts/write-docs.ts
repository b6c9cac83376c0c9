/**
 * Writes `definitions/service-items/<id>.md` for every service item from its definition, with the
 * engine's pure `renderItemPage`: `node --import tsx scripts/write-docs.ts`. The engine test
 * `engine/src/docs/renderItemPage.test.ts` fails when a page is out of date.
 */
import { writeFileSync } from 'node:fs';
import { loadDefinition, renderItemPage } from '@tongban/engine';
import { serviceItems } from '@tongban/definitions/service-items';

const dir = new URL('../definitions/service-items/', import.meta.url);
for (const [id, def] of Object.entries(serviceItems)) {
  // the page shows the item as it loads: with the roles and templates it takes from shared libraries
  const loaded = loadDefinition(def as object);
  if (!loaded.ok) throw new Error(`${id} does not load: ${loaded.diagnostics.map((d) => d.code + ' ' + d.path).join('; ')}`);
  writeFileSync(new URL(`${id}.md`, dir), renderItemPage(loaded.definition));
  process.stdout.write(`wrote definitions/service-items/${id}.md\n`);
}
