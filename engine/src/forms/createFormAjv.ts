/** The ajv instance forms are validated with: JSON Schema 2020-12 plus the county formats and keywords. */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { isCnIdNumber } from './cnIdNumber.ts';
import { isCnMobile } from './cnMobile.ts';
import { dateBoundKeywords } from './dateBounds.ts';
import { re2Engine } from '../expr/regex.ts';

/** Annotation keywords that carry labels, help, messages and UI hints; they never fail validation. */
export const annotationKeywords = [
  'x-pii', 'x-title', 'x-help', 'x-errors', 'x-placeholder', 'x-enumTitles', 'x-widget', 'x-order', 'x-unit',
] as const;

/** Creates an ajv (2020-12, all errors, verbose) with `cn-id-number`, `cn-mobile`, date formats and `x-notFuture` / `x-notPast`. */
export function createFormAjv(): Ajv2020 {
  // `pattern` runs on RE2 (linear time): a definition's pattern cannot stall the server (definitions are an attack surface)
  const ajv = new Ajv2020({ allErrors: true, verbose: true, passContext: true, strict: false, validateFormats: true, code: { regExp: re2Engine } });
  for (const name of ['date', 'time', 'date-time', 'email', 'uri', 'uuid'] as const) {
    const format = fullFormats[name];
    if (format) ajv.addFormat(name, format as never);
  }
  ajv.addFormat('cn-id-number', isCnIdNumber);
  ajv.addFormat('cn-mobile', isCnMobile);
  ajv.addVocabulary([...annotationKeywords]);
  for (const kw of dateBoundKeywords) ajv.addKeyword(kw);
  return ajv;
}
