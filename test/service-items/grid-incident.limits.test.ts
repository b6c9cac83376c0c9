/**
 * The grid incident's time limits as the county sets them: the 处置时限表 (event class × urgency) in the
 * item's data, urgent cases on the 24×7 clock, the 12345 hotline's own deadline when it is shorter,
 * and the rural check limit beside the urban one. Driven through the engine on the sample county.
 */
import { describe, expect, it } from 'vitest';
import { compile, simulate, type Definition, type SimScript } from '@tongban/engine';
import { directoryData, sampleOptions } from '@tongban/examples';
import { serviceItems } from '@tongban/definitions/service-items';
import { mustLoad } from './scenarioSuite.ts';

const gi = mustLoad(serviceItems['grid-incident']);
const GRID = '/510722/510722100/510722100001/510722100001001';
const RURAL_GRID = '/510722/510722200/510722200001/510722200001001';
const HOUR = 3_600_000;

const report = (over: Record<string, unknown> = {}) => ({
  sourceChannel: 'grid-worker', urgency: 'general', majorClass: '01', minorClass: '0101', isDispute: false, title: '金鱼路暴露垃圾',
  description: '金鱼路12号旁垃圾堆放约两立方米', discoveredAt: '2025-03-04T08:30:00+08:00', photosBefore: ['att-1'],
  gridCode: '510722100001001', address: '金鱼路12号1栋', location: { lat: 30.87, lng: 105.38, datum: 'CGCS2000' }, handledOnSite: false,
  reporter: { name: '李秀英', phone: '13912345678' }, ...over,
});

/** Reports at `at`, registers and dispatches; returns the final snapshot's context. */
function dispatched(def: Definition, at: string, data: Record<string, unknown>, orgPath = GRID, leader = 'u-grid-leader-510722100001', officer = 'u-officer-510722100001') {
  const by = orgPath === GRID ? 'u-grid-worker-510722100001001-1' : 'u-grid-worker-510722200001001-1';
  const script: SimScript = { case: { orgPath, by, at, data }, steps: [
    { act: 'accept', by: leader },
    { act: 'dispatch', by: officer, comment: '派遣', data: { responsibleUnit: '/510722/510722100/510722100901', dispatchNote: '按时限处置' } },
  ] };
  const r = simulate(compile(def, { cache: false }), script, sampleOptions(), directoryData());
  expect(r.records.filter((x) => !x.accepted).map((x) => x.diagnostics.map((d) => d.code))).toEqual([]);
  return r.final.context;
}

describe('grid incident time limits', () => {
  it('takes the handling limit from the county table by minor class and urgency, on working hours', () => {
    const ctx = dispatched(gi, '2025-03-07T16:00:00+08:00', report()); // Friday 16:00
    expect(ctx.data.handlingLimit).toBe('PT4H');
    // one working hour left on Friday (to 17:00 with the afternoon office hours), three more on Monday
    expect(new Date(ctx.clocks.handling!.dueAt).toISOString().slice(0, 16)).toBe('2025-03-10T03:00'); // Monday 11:00 (the simulator's steps are a second apart)
  });

  it('falls back to the major class, then to the table default', () => {
    expect(dispatched(gi, '2025-03-04T09:00:00+08:00', report({ majorClass: '05', minorClass: '0599' })).data.handlingLimit).toBe('P5D');
    expect(dispatched(gi, '2025-03-04T09:00:00+08:00', report({ majorClass: '09', minorClass: '0901' })).data.handlingLimit).toBe('P7D');
  });

  it('counts an urgent case on the 24×7 clock from the urgent column', () => {
    const ctx = dispatched(gi, '2025-03-08T21:00:00+08:00', report({ urgency: 'urgent', majorClass: '04', minorClass: '0401' })); // Saturday night
    expect(ctx.data.handlingLimit).toBe('PT3H');
    expect(ctx.clocks.handling!.dueAt - ctx.clocks.handling!.startedAt).toBe(3 * HOUR);
    // the unit's sign-for runs on the same 24×7 clock: two hours on a Saturday night
    const signFor = Object.values(ctx.timers).find((x) => x.purpose === 'sla.due' && x.owner.kind === 'task')!;
    expect(signFor.clock).toBe('urgent');
    expect(signFor.dueAt - ctx.clocks.handling!.startedAt).toBe(2 * HOUR);
  });

  it('is data the county edits: a changed table changes the next case’s limit', () => {
    const edited = structuredClone(gi);
    const limits = (edited.data.properties as Record<string, { default: { handling: Record<string, unknown> } }>).countyLimits!;
    limits.default.handling['0101'] = { general: 'PT2H', urgent: 'PT1H' };
    expect(dispatched(mustLoad(edited), '2025-03-04T09:00:00+08:00', report()).data.handlingLimit).toBe('PT2H');
  });

  it('lets the hotline’s deadline win when it is shorter, and not when it is longer', () => {
    const hotline = (deadline: string) => report({ sourceChannel: 'hotline-12345', externalRef: '12345-0001', photosBefore: undefined, location: undefined, hotlineDeadline: deadline });
    const short = dispatched(gi, '2025-03-04T09:00:00+08:00', hotline('2025-03-04T11:00:00+08:00'));
    expect(short.clocks.handling!.dueAt).toBe(Date.parse('2025-03-04T11:00:00+08:00'));
    const long = dispatched(gi, '2025-03-04T09:00:00+08:00', hotline('2025-03-11T18:00:00+08:00'));
    expect(long.clocks.handling!.dueAt).toBeLessThan(Date.parse('2025-03-11T18:00:00+08:00'));
    expect(long.clocks.handling!.dueAt).toBe(dispatched(gi, '2025-03-04T09:00:00+08:00', report()).clocks.handling!.dueAt);
  });

  it('gives a rural grid a working day for the check and an urban one 90 working minutes', () => {
    const verifyDue = (orgPath: string, gridCode: string, leader: string, officer: string, unit: string, worker: string) => {
      const script: SimScript = { case: { orgPath, by: worker, at: '2025-03-04T09:00:00+08:00', data: report({ gridCode }) }, steps: [
        { act: 'accept', by: leader },
        { act: 'dispatch', by: officer, comment: '派遣', data: { responsibleUnit: unit, dispatchNote: '按时限处置' } },
        { act: 'sign', by: unit.replace(/^.*\//, 'u-unit-') }, { act: 'start', by: unit.replace(/^.*\//, 'u-unit-') },
        { act: 'resolve', by: unit.replace(/^.*\//, 'u-unit-'), data: { result: '已清理完毕并消杀', photosAfter: ['att-2'], resolvedAt: '2025-03-04T09:30:00+08:00' }, at: '+PT1H' },
      ] };
      const r = simulate(compile(gi, { cache: false }), script, sampleOptions(), directoryData());
      expect(r.records.filter((x) => !x.accepted).map((x) => x.diagnostics.map((d) => d.code))).toEqual([]);
      expect(r.final.value).toBe('verifying');
      const due = Object.values(r.final.context.timers).find((x) => x.purpose === 'sla.due' && x.owner.kind === 'step' && x.owner.state === 'verifying')!;
      return due.dueAt - r.records.find((x) => x.label.endsWith(' resolve'))!.at;
    };
    expect(verifyDue(GRID, '510722100001001', 'u-grid-leader-510722100001', 'u-officer-510722100001', '/510722/510722100/510722100901', 'u-grid-worker-510722100001001-1')).toBe(90 * 60_000);
    const rural = verifyDue(RURAL_GRID, '510722200001001', 'u-grid-leader-510722200001', 'u-officer-510722200001', '/510722/510722200/510722200901', 'u-grid-worker-510722200001001-1');
    expect(rural).toBeGreaterThan(90 * 60_000);
  });
});

describe('a dispute the mediation item would refuse', () => {
  it('refuses the registration with a coded diagnostic naming the child’s problem, and leaves the case as it was', () => {
    const consultation = structuredClone(serviceItems.consultation) as Definition;
    consultation.forms!.start!.required = [...(consultation.forms!.start!.required ?? []), 'claims']; // a county that now asks for the parties' claims
    const child = compile(mustLoad(consultation), { cache: false });
    const options = { ...sampleOptions(), childDefinition: (id: string) => (id === 'consultation' ? child : undefined) };
    const script: SimScript = { case: { orgPath: GRID, by: 'u-grid-worker-510722100001001-1', at: '2025-03-04T21:00:00+08:00', data: report({ urgency: 'urgent', isDispute: true, majorClass: '05', minorClass: '0501', discoveredAt: '2025-03-04T20:50:00+08:00' }) }, steps: [
      { act: 'accept', by: 'u-grid-leader-510722100001', data: { disputeType: 'neighbour', disputeParties: [{ name: '孙立', phone: '13990160031' }, { name: '周强', phone: '13990160032' }], riskLevel: 'medium' } },
    ] };
    const r = simulate(compile(gi, { cache: false }), script, options, directoryData());
    const refused = r.records.find((x) => x.label.endsWith(' accept'))!;
    expect(refused.accepted).toBe(false);
    const d = refused.diagnostics[0]!;
    expect([d.code, d.path]).toEqual(['run.spawn-intake-invalid', '/states/urgent_reported/on/accept/0/effects/0/spawn']);
    expect(d.message['zh-CN']).toContain('claims');
    expect(d.message.en).toContain('claims');
    expect(r.final.value).toBe('urgent_reported');
    expect(r.final.context.subcases).toEqual({});
  });
});
