/**
 * The workbench renders a definition's forms with the engine's schema and validates with the
 * engine's rules, so a field worker sees the server's zh-CN messages before anything is sent.
 */
import { describe, expect, it } from 'vitest';
import type { Definition } from '@tongban/engine';
import gridIncident from '../../definitions/service-items/grid-incident.json' with { type: 'json' };
import { toRjsf, widgetOf } from '../../workbench/src/forms/toRjsf.ts';
import { engineErrors } from '../../workbench/src/forms/engineErrors.ts';
import { hiddenFor } from '../../workbench/src/forms/visibility.ts';

const def = gridIncident as unknown as Definition;

describe('forms in the workbench', () => {
  it('renders one step of the report with localised titles, enum names, help and our widgets', () => {
    const f = toRjsf(def, 'report', { lang: 'zh-CN', step: 'what' });
    expect(f.fields).toEqual(expect.arrayContaining(['sourceChannel', 'description', 'photosBefore']));
    expect(f.fields).not.toContain('address');
    expect((f.schema.properties as Record<string, { title: string }>).urgency!.title).toBe('紧急程度');
    expect((f.uiSchema.urgency as Record<string, unknown>)['ui:enumNames']).toEqual(['一般', '紧急', '重大突发']);
    expect((f.uiSchema.photosBefore as Record<string, unknown>)['ui:field']).toBe('attachments');
    expect(toRjsf(def, 'report', { lang: 'en', step: 'where' }).uiSchema.location).toMatchObject({ 'ui:field': 'location' });
    expect(widgetOf({ type: 'string', format: 'cn-id-number' }, undefined)).toBe('idNumber');
    expect(widgetOf({ type: 'string', format: 'cn-mobile' }, undefined)).toBe('mobile');
    // 选网格 / 选组织 / 选人: nobody types a 15-digit code, an org path or an account id
    const where = toRjsf(def, 'report', { lang: 'zh-CN', step: 'where' });
    expect(where.fields).toContain('gridCode');
    expect((where.uiSchema.gridCode as Record<string, unknown>)['ui:widget']).toBe('gridPicker');
    expect(widgetOf({ type: 'string', 'x-widget': 'org-picker' }, undefined)).toBe('orgPicker');
    expect(widgetOf({ type: 'array', 'x-widget': 'user-picker' }, undefined)).toBe('userPicker');
    // a grid code or an org path without a widget named (the other items' gridCode): the tree all the same
    expect(widgetOf({ type: 'string', pattern: '^\\d{15}$' }, undefined)).toBe('gridPicker');
    expect(widgetOf({ type: 'string', pattern: '^(/\\d{6,15})+$' }, undefined)).toBe('orgPicker');
    // a widget the workbench does not have (the county's code table) falls back to a text box, not a broken form
    expect(widgetOf({ type: 'string', 'x-widget': 'code-table' }, undefined)).toBeUndefined();
  });

  it('applies the field matrix: read and masked are read-only and not required, hidden is left out', () => {
    const f = toRjsf(def, 'handle', { lang: 'zh-CN', matrix: { result: 'write', photosAfter: 'read', resolvedAt: 'hidden' } });
    expect(f.fields).not.toContain('resolvedAt');
    expect((f.uiSchema.photosAfter as Record<string, unknown>)['ui:readonly']).toBe(true);
    expect(f.schema.required).not.toContain('photosAfter');
  });

  it('shows conditional fields only when their condition holds', () => {
    expect(hiddenFor(def, 'report', { sourceChannel: 'grid-worker' })).toContain('externalRef');
    expect(hiddenFor(def, 'report', { sourceChannel: 'hotline-12345' })).not.toContain('externalRef');
    // each channel asks for what it has: no photo from a sensor or the hotline, no map point from the hotline
    expect(hiddenFor(def, 'report', { sourceChannel: 'sensor' })).toEqual(expect.arrayContaining(['photosBefore', 'reporter', 'address']));
    expect(hiddenFor(def, 'report', { sourceChannel: 'sensor' })).not.toContain('location');
    expect(hiddenFor(def, 'report', { sourceChannel: 'hotline-12345' })).toEqual(expect.arrayContaining(['photosBefore', 'location']));
  });

  it('gives the engine’s zh-CN (or English) messages at the field’s path', () => {
    const who = toRjsf(def, 'report', { lang: 'zh-CN', step: 'who' });
    const { tree, count } = engineErrors(who.schema, { reporter: { name: '张三', phone: '12345' } }, 'zh-CN');
    expect(count).toBeGreaterThan(0);
    expect(JSON.stringify((tree.reporter as Record<string, { __errors: string[] }>).phone!.__errors)).toMatch(/手机/);
    const en = engineErrors(who.schema, { reporter: { name: '张三', phone: '12345' } }, 'en');
    expect(JSON.stringify(en.tree)).toMatch(/[Mm]obile|phone/);
    expect(engineErrors(who.schema, { reporter: { name: '张三', phone: '13812345678' } }, 'zh-CN').count).toBe(0);
  });
});
