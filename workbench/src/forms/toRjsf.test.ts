import { describe, expect, it } from 'vitest';
import { isPhotoField, toRjsf, widgetOf } from './toRjsf.ts';

describe('widgetOf', () => {
  it('renders an attachment field of a designed item as the photo/attachment uploader', () => {
    const field = { type: 'array', 'x-widget': 'attachment', items: { type: 'string' } };
    expect(widgetOf(field, undefined)).toBe('attachments');
    expect(widgetOf({ type: 'array', items: { type: 'string' } }, { 'ui:widget': 'camera' })).toBe('attachments');
    expect(widgetOf({ type: 'array', items: { type: 'string' } }, undefined)).toBeUndefined();
  });
});

describe('isPhotoField', () => {
  it('a camera field takes photos only; an attachment field takes any allowed file (the server decides the same way)', () => {
    const ids = { type: 'array', items: { type: 'string' } };
    expect(isPhotoField(ids, { 'ui:widget': 'camera' })).toBe(true);
    expect(isPhotoField(ids, { 'ui:widget': 'photos' })).toBe(true);
    expect(isPhotoField({ ...ids, 'x-widget': 'attachment' }, undefined)).toBe(false);
    expect(isPhotoField(ids, { 'ui:widget': 'attachments' })).toBe(false);
  });
});

describe('toRjsf: the grid incident report form', () => {
  it('marks 处置前照片 (the camera widget) as photos only for the uploader', async () => {
    const { readFileSync } = await import('node:fs');
    const def = JSON.parse(readFileSync(new URL('../../../definitions/service-items/grid-incident.json', import.meta.url), 'utf8'));
    const form = toRjsf(def, 'report', { lang: 'zh-CN' });
    expect(form.uiSchema.photosBefore).toMatchObject({ 'ui:field': 'attachments', 'ui:options': { photo: true } });
  });
});
