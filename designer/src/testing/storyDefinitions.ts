/** Variants of the fixture definition for stories. */
import type { Definition } from '@tongban/engine';
import { fixtureDefinition } from './fixtureDefinition.ts';

/** The fixture with a notice template. */
export function withTemplate(): Definition {
  return { ...fixtureDefinition(), templates: { done: { 'zh-CN': '【门前三包】案件{{caseId}}（{{data.shopName}}）已办结。', en: 'Case {{caseId}} ({{data.shopName}}) is closed.' } } };
}
