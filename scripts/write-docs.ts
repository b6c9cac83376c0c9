/**
 * Writes `definitions/service-items/<id>.md` for every service item from its definition, with the
 * engine's pure `renderItemPage`: `node --import tsx scripts/write-docs.ts`. The engine test
 * `engine/src/docs/renderItemPage.test.ts` fails when a page is out of date.
 */
import { writeFileSync } from 'node:fs';
import { renderItemPage, type Definition } from '@tongban/engine';
import { serviceItems } from '@tongban/definitions/service-items/items.ts';

const dir = new URL('../definitions/service-items/', import.meta.url);
for (const [id, def] of Object.entries(serviceItems)) {
  writeFileSync(new URL(`${id}.md`, dir), renderItemPage(def as Definition));
  process.stdout.write(`wrote definitions/service-items/${id}.md\n`);
}
