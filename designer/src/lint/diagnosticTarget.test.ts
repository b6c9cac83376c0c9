import { describe, expect, it } from 'vitest';
import { lint } from '@tongban/engine';
import { targetOf } from './diagnosticTarget.ts';
import { fixtureDefinition } from '../testing/fixtureDefinition.ts';
import { setValue } from '../doc/commands.ts';

describe('a diagnostic selects what it points at', () => {
  it('maps pointers to states, transitions, forms, fields and templates', () => {
    const def = fixtureDefinition();
    expect(targetOf(def, '/states/review/task/sla/within')).toEqual({ tab: 'flow', selection: { kind: 'state', id: 'review', focus: '/task/sla/within' } });
    expect(targetOf(def, '/states/review/on/approve/guard')).toEqual({ tab: 'flow', selection: { kind: 'transition', pointer: '/states/review/on/approve', from: 'review' } });
    expect(targetOf(def, '/forms/intake/fields/1')).toEqual({ tab: 'forms', selection: { kind: 'form', id: 'intake', field: 'ownerId' } });
    expect(targetOf(def, '/data/properties/note')).toEqual({ tab: 'forms', selection: { kind: 'field', name: 'note' } });
    expect(targetOf(def, '/templates/x')).toEqual({ tab: 'templates', selection: { kind: 'template', id: 'x' } });
    expect(targetOf(def, '/roles').tab).toBe('settings');
  });

  it('every lint diagnostic of a broken draft resolves to a selection', () => {
    const def = setValue('/states/review/on/approve/target', 'nowhere').apply(fixtureDefinition());
    const diags = lint(def);
    expect(diags.length).toBeGreaterThan(0);
    const t = targetOf(def, diags.find((d) => d.path.includes('/on/'))!.path);
    expect(t.selection).toMatchObject({ kind: 'transition', from: 'review' });
  });
});
