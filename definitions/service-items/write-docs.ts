/** Writes `<id>.md` for every service item: `node --import tsx definitions/service-items/write-docs.ts`. */
import { writeFileSync } from 'node:fs';
import type { Definition } from '../../engine/src/definition/types.ts';
import { renderItemPage } from './docs.ts';
import { serviceItems } from './items.ts';

for (const [id, def] of Object.entries(serviceItems)) {
  writeFileSync(new URL(`./${id}.md`, import.meta.url), renderItemPage(def as Definition));
  process.stdout.write(`wrote definitions/service-items/${id}.md\n`);
}
