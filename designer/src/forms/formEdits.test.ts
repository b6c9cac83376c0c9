import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { formSchemaOf, GRID_CODE_PATTERN, lint, loadDefinition, ORG_PATH_PATTERN, validateFormData, type Definition } from '@tongban/engine';
import { addField, addForm, addFormStep, FormEditError, moveFieldToStep, removeField, setRequired, setVisibleIf } from './formEdits.ts';
import { fieldTypes, FieldTypes, fieldTypeOf } from './fieldTypes.ts';
import { fixtureDefinition } from '../testing/fixtureDefinition.ts';
import { batch } from '../doc/commands.ts';

const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });

function built(): Definition {
  return batch(L('x', 'x'), [
    addField('intake', { name: 'phone', type: 'mobile', title: L('联系电话', 'Phone'), pii: 'phone', required: true }),
    addField('intake', { name: 'photos', type: 'attachment', title: L('现场照片', 'Photos'), pii: 'none', required: true }),
    addField('intake', { name: 'kind', type: 'choice', title: L('问题类型', 'Kind'), pii: 'none', choices: [{ value: 'litter', label: '乱堆放' }, { value: 'other', label: '其他' }] }),
    addField('intake', { name: 'otherText', type: 'text', title: L('其他说明', 'Other'), pii: 'none', required: true }),
    setVisibleIf('intake', 'otherText', { '==': [{ var: 'data.kind' }, 'other'] }),
  ]).apply(fixtureDefinition());
}

describe('form builder: schema output', () => {
  it('adds fields to the data schema, the form and the matrix of the steps filling it', () => {
    const def = built();
    const props = def.data.properties as Record<string, Record<string, unknown>>;
    expect(props.phone).toMatchObject({ type: 'string', format: 'cn-mobile', 'x-pii': 'phone', 'x-title': { 'zh-CN': '联系电话', en: 'Phone' } });
    expect(props.photos).toMatchObject({ type: 'array', 'x-widget': 'attachment', 'x-pii': 'none', minItems: 1 });
    expect(def.forms!.intake!.fields).toEqual(['shopName', 'ownerId', 'note', 'phone', 'photos', 'kind', 'otherText']);
    expect(def.forms!.intake!.required).toEqual(['shopName', 'phone', 'photos', 'otherText']);
    expect(def.states.review!.task!.fields).toMatchObject({ phone: 'required', photos: 'required', kind: 'write' });
  });

  it('the engine builds the form schema the preview renders, and validates with zh-CN messages', () => {
    const def = built();
    const { schema, diagnostics } = formSchemaOf(def, 'intake');
    expect(diagnostics).toEqual([]);
    expect(schema).toMatchObject({ type: 'object', required: expect.arrayContaining(['shopName', 'phone', 'photos']) });
    const errors = validateFormData(schema, { shopName: '张记', phone: '123', photos: ['a1'] }, { locale: 'zh-CN', now: Date.parse('2026-03-02T02:00:00Z'), utcOffsetMinutes: 480 } as never);
    expect(errors.map((e) => (e.message as { 'zh-CN': string })['zh-CN'])).toContain('「联系电话」请填写11位中国大陆手机号码，如 13800138000');
    // hidden by its condition: not required
    const hidden = formSchemaOf(def, 'intake', { hidden: ['otherText'] }).schema as { required: string[] };
    expect(hidden.required).not.toContain('otherText');
  });

  it('the built definition loads and lints without errors about forms or fields', () => {
    const res = loadDefinition(built());
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const problems = lint(res.definition).filter((d) => d.severity === 'error' && /form|field/.test(d.code));
    expect(problems).toEqual([]);
  });

  it('refuses a personal type without a personal tag, a bad name and a duplicate', () => {
    const def = fixtureDefinition();
    expect(() => addField('intake', { name: 'pid', type: 'idNumber', title: L('身份证', 'ID'), pii: 'none' }).apply(def)).toThrow(FormEditError);
    expect(() => addField('intake', { name: 'Bad-Name', type: 'text', title: L('x', 'x'), pii: 'none' }).apply(def)).toThrow(/lower-case/);
    expect(() => addField('intake', { name: 'note', type: 'text', title: L('x', 'x'), pii: 'none' }).apply(def)).toThrow(/exists/);
    for (const t of FieldTypes) expect(fieldTypeOf(fieldTypes[t].schema({ title: L('x', 'x') }))).toBe(t);
  });

  it('adds 选人 / 选组织 / 选网格 and 单独同意 fields as the workbench picks them, and reads the service items’ such fields as those types', () => {
    const def = batch(L('x', 'x'), [
      addField('intake', { name: 'pid', type: 'idNumber', title: L('身份证号', 'ID'), pii: 'id-number' }),
      addField('intake', { name: 'owner', type: 'person', title: L('负责人', 'Owner'), pii: 'none' }),
      addField('intake', { name: 'helpers', type: 'people', title: L('协办人', 'Helpers'), pii: 'none' }),
      addField('intake', { name: 'unit', type: 'orgUnit', title: L('责任单位', 'Unit'), pii: 'none' }),
      addField('intake', { name: 'gridCode', type: 'grid', title: L('所属网格', 'Grid'), pii: 'none' }),
      addField('intake', { name: 'shareRef', type: 'consent', title: L('向驿站提供信息的同意', 'Consent'), pii: 'none', required: true, consent: { purpose: 'share-provider', subject: 'pid' } }),
    ]).apply(fixtureDefinition());
    const props = def.data.properties as Record<string, Record<string, unknown>>;
    expect(props.owner).toMatchObject({ type: 'string', 'x-widget': 'user-picker' });
    expect(props.helpers).toMatchObject({ type: 'array', 'x-widget': 'user-picker', items: { type: 'string' } });
    expect(props.unit).toMatchObject({ type: 'string', 'x-widget': 'org-picker', pattern: ORG_PATH_PATTERN });
    expect(props.gridCode).toMatchObject({ type: 'string', 'x-widget': 'grid-picker', pattern: GRID_CODE_PATTERN });
    expect(props.shareRef).toMatchObject({ type: 'string', 'x-pii': 'none', 'x-consent': { purpose: 'share-provider', subject: 'pid' } });
    const res = loadDefinition(def);
    expect(res.ok).toBe(true);
    // the engine validates them: a grid is 15 digits, a unit an org path
    const errors = validateFormData(formSchemaOf(def, 'intake').schema, { shopName: '张记', gridCode: '12', unit: 'west', shareRef: 'cs-1' }, { locale: 'zh-CN', now: 0, utcOffsetMinutes: 480 } as never);
    expect(errors.map((e) => e.path).sort()).toEqual(['/gridCode', '/unit']);
    // the five items' pickers and consents are shown as those types in the builder
    const seen: Record<string, string> = {};
    for (const item of ['referral', 'elderly-call', 'grid-incident', 'consultation', 'volunteer-task']) {
      const d = JSON.parse(readFileSync(new URL(`../../../definitions/service-items/${item}.json`, import.meta.url), 'utf8')) as Definition;
      for (const [k, v] of Object.entries(d.data.properties as Record<string, Record<string, unknown>>)) seen[`${item}.${k}`] = fieldTypeOf(v as never);
    }
    expect(seen).toMatchObject({ 'referral.consentRef': 'consent', 'referral.targetOrg': 'orgUnit', 'grid-incident.gridCode': 'grid', 'grid-incident.dispatcher': 'person',
      'consultation.mediators': 'people', 'elderly-call.doorConsentRef': 'consent', 'volunteer-task.teamMembers': 'people' });
  });

  it('removing a field removes it from the data, every form, steps, conditions and matrices', () => {
    const def = removeField('otherText').apply(built());
    expect((def.data.properties as object)).not.toHaveProperty('otherText');
    expect(def.forms!.intake!.fields).not.toContain('otherText');
    expect(def.forms!.intake!.required).not.toContain('otherText');
    expect(def.forms!.intake!.visibleIf).toEqual({});
    const d2 = removeField('ownerId').apply(def);
    expect(d2.states.review!.task!.fields).not.toHaveProperty('ownerId');
  });

  it('multi-step: the first step takes the existing fields, fields move between steps, required toggles the matrix', () => {
    let def = addFormStep('intake', 'shop', L('商户', 'Shop')).apply(built());
    def = addFormStep('intake', 'evidence', L('证据', 'Evidence')).apply(def);
    def = moveFieldToStep('intake', 'photos', 'evidence').apply(def);
    expect(def.forms!.intake!.steps!.map((s) => [s.id, s.fields])).toEqual([
      ['shop', ['shopName', 'ownerId', 'note', 'phone', 'kind', 'otherText']], ['evidence', ['photos']],
    ]);
    expect((formSchemaOf(def, 'intake', { step: 'evidence' }).schema as { properties: object }).properties).toHaveProperty('photos');
    def = setRequired('intake', 'note', true).apply(def);
    expect(def.states.review!.task!.fields!.note).toBe('required');
    def = addForm('close', L('结案', 'Close')).apply(def);
    expect(def.forms!.close).toEqual({ title: L('结案', 'Close'), fields: [], required: [] });
  });
});
