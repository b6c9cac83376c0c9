/**
 * What a form field takes as files. A field that a form of the item shows with the camera widget
 * (`ui:widget` `camera` or `photos`) takes photos only — JPEG, PNG or WebP, judged by the bytes
 * (sniffType.ts) — so a PDF or a text file sent past the phone's camera picker (which only offers
 * images) is refused for it. Other fields take every attachment type.
 */
import type { Definition } from '@tongban/engine';
import { InvalidRequestError, RefusedError } from '../errors/DomainError.ts';

/** The image types a photo field takes (the same list the camera widget offers). */
export const imageTypes = ['image/jpeg', 'image/png', 'image/webp'];
const photoWidgets = ['camera', 'photos'];

const propertiesOf = (definition: Definition) => (definition.data as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};

/** True when a form of the item shows `field` with a camera widget: the field takes photos only. */
function isPhotoField(definition: Definition, field: string): boolean {
  return Object.values(definition.forms ?? {}).some((form) => photoWidgets.includes(String((form.uiSchema as Record<string, { 'ui:widget'?: unknown }> | undefined)?.[field]?.['ui:widget'])));
}

const photoFieldCache = new WeakMap<Definition, string[]>();

/** The data fields of `definition` that take photos only (cached per definition object: published ones are immutable). */
export function photoFieldsOf(definition: Definition): string[] {
  let fields = photoFieldCache.get(definition);
  if (!fields) photoFieldCache.set(definition, fields = Object.keys(propertiesOf(definition)).filter((f) => isPhotoField(definition, f)));
  return fields;
}

/** The content types `field` of `definition` accepts (undefined: every allowed type); refuses a field the item does not have. */
export function acceptedTypesOf(definition: Definition, field: string): string[] | undefined {
  if (!Object.hasOwn(propertiesOf(definition), field)) throw new InvalidRequestError('request.invalid', { errors: [{ path: '/query/field', message: `no field "${field}" in ${definition.id}` }] });
  return isPhotoField(definition, field) ? imageTypes : undefined;
}

/** Refuses a file of type `mime` for a photo field (`attachment.not-an-image`, with the JSON path of the value in the case data: `/data/<field>` or `/data/<field>/<i>`). */
export function checkFieldType(field: string, accepted: string[] | undefined, mime: string, path = `/data/${field}`): void {
  if (!accepted || accepted.includes(mime)) return;
  throw new RefusedError('attachment.not-an-image', { path, field, accepted });
}
