/**
 * 模拟: run the draft in the browser as a chosen user of the sample county — start a case, act on
 * tasks, send events, answer adapter calls, advance the clock across weekends, holidays and 调休
 * days — and watch tasks, assignees, timers, escalations and effects appear. A run can be saved as
 * a scenario; saved scenarios are replayed (here and by the server) before every publish.
 */
import { tx } from '../i18n/tx.ts';
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Input, List, Row, Select, Space, Tag, Typography, message } from 'antd';
import dayjs from 'dayjs';
import type { SimScript } from '@tongban/engine';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEditor } from '../editor/EditorContext.tsx';
import { runScript, withStep, withoutLast } from './simSession.ts';
import { formatSimTime } from './formatTime.ts';
import { sampleGrids } from '../panels/assignmentPreview.ts';
import { sampleData } from '../panels/sampleData.ts';
import { designerApi, keys, type Scenario } from '../api/designerApi.ts';
import { EffectLine } from './EffectLine.tsx';
import { ScenarioList } from './ScenarioList.tsx';
import { eventsNow } from './eventsNow.ts';

export function SimulatePanel() {
  const { doc, directory, lang, api } = useEditor();
  const qc = useQueryClient();
  const grids = useMemo(() => (directory ? sampleGrids(directory) : []), [directory]);
  const intakeRoles = doc.intake?.roles ?? [];
  const [org, setOrg] = useState<string>();
  const orgPath = org ?? grids[0]?.path ?? '';
  const starters = (directory?.users ?? []).filter((u) => u.roles.some((r) => intakeRoles.includes(r.role) && orgPath.startsWith(r.orgPath)));
  const [by, setBy] = useState<string>();
  const [at, setAt] = useState(() => dayjs('2026-09-30T09:00:00+08:00'));
  const [dataText, setDataText] = useState(() => JSON.stringify(sampleData(doc.data), null, 2));
  const [script, setScript] = useState<SimScript>();
  const [comment, setComment] = useState('');
  const [name, setName] = useState('');
  const view = useMemo(() => { try { return script && directory ? runScript(doc, script, directory) : undefined; } catch (e) { return { error: (e as Error).message } as const; } }, [doc, script, directory]);
  const scenarios = useQuery({ queryKey: keys.scenarios(doc.id), queryFn: () => designerApi.scenarios(api, doc.id).then((r) => r.items).catch(() => [] as Scenario[]) });
  const save = useMutation({
    mutationFn: (items: Scenario[]) => designerApi.saveScenarios(api, doc.id, items),
    onSuccess: (r) => { qc.setQueryData(keys.scenarios(doc.id), r.items); void message.success(tx(lang, 'simulatePanel.scenarioSaved')); },
    onError: (e: Error) => void message.error(e.message),
  });
  if (!directory) return <Typography.Text type="secondary">{tx(lang, 'simulatePanel.loadingTheSampleCounty')}</Typography.Text>;
  const userName = (id?: string) => directory.users.find((u) => u.id === id)?.name ?? id ?? '';
  const startCase = () => {
    let data: Record<string, unknown>;
    try { data = JSON.parse(dataText) as Record<string, unknown>; } catch { void message.error(tx(lang, 'simulatePanel.caseDataIsNotValid')); return; }
    setScript({ case: { orgPath, by: by ?? starters[0]?.id ?? directory.users[0]!.id, at: at.toISOString(), data }, steps: [] });
  };
  const push = (s: Parameters<typeof withStep>[1]) => script && setScript(withStep(script, s));
  const ok = view && !('error' in view);
  return (
    <div data-testid="simulate-panel">
      <Space wrap style={{ marginBottom: 8 }}>
        {tx(lang, 'simulatePanel.caseGrid')}<Select size="small" showSearch optionFilterProp="label" style={{ minWidth: 160 }} value={orgPath} options={grids.map((g) => ({ value: g.path, label: g.name }))} onChange={setOrg} />
        {tx(lang, 'simulatePanel.initiator')}<Select size="small" data-testid="sim-by" style={{ minWidth: 140 }} value={by ?? starters[0]?.id} options={(starters.length ? starters : directory.users).map((u) => ({ value: u.id, label: u.name }))} onChange={setBy} />
        {tx(lang, 'simulatePanel.at')}<DatePicker size="small" showTime value={at} onChange={(d) => d && setAt(d)} />
        <Button size="small" type="primary" data-testid="sim-start" onClick={startCase}>{tx(lang, 'simulatePanel.startACase')}</Button>
        {script && <Button size="small" onClick={() => setScript(withoutLast(script))} disabled={!script.steps.length}>{tx(lang, 'simulatePanel.undoLastStep')}</Button>}
        {script && <Button size="small" onClick={() => setScript(undefined)}>{tx(lang, 'simulatePanel.reset')}</Button>}
      </Space>
      {!script && <Input.TextArea rows={3} value={dataText} onChange={(e) => setDataText(e.target.value)} style={{ fontFamily: 'monospace', fontSize: 12 }} />}
      {view && 'error' in view && <Alert type="error" message={view.error} />}
      {ok && !view.result.records[0]?.accepted && (
        <Alert type="error" showIcon data-testid="sim-refused" style={{ marginBottom: 8 }} message={tx(lang, 'simulatePanel.notStartedTheIntakeForm')}
          description={view.result.records[0]?.diagnostics.map((d) => d.message[lang]).join('；')} />
      )}
      {ok && view.result.records[0]?.accepted && (
        <Row gutter={12}>
          <Col span={9}>
            <Card size="small" title={<span data-testid="sim-clock">{formatSimTime(view.now, lang)}</span>}>
              <div data-testid="sim-state">{tx(lang, 'simulatePanel.state')}：<Tag>{JSON.stringify(view.final.value)}</Tag><Tag color={view.final.status === 'done' ? 'green' : 'blue'}>{view.final.status}</Tag></div>
              <Space wrap style={{ margin: '6px 0' }}>{tx(lang, 'simulatePanel.advance')}
                {[['PT1H', '1小时', '1 h'], ['P1D', '1天', '1 day'], ['P3D', '3天', '3 days'], ['P7D', '1周', '1 week']].map(([d, zh, en]) => <Button key={d} size="small" data-testid={`sim-advance-${d}`} onClick={() => push({ advance: d! })}>+{lang === 'en' ? en : zh}</Button>)}
              </Space>
              <Input size="small" placeholder={tx(lang, 'simulatePanel.comment')} value={comment} onChange={(e) => setComment(e.target.value)} data-testid="sim-comment" />
              <List size="small" header={tx(lang, 'simulatePanel.tasks')} dataSource={view.openTasks} renderItem={(t) => {
                const who = t.assignee ?? t.candidates[0];
                const decisions = Object.entries(doc.states[t.state]?.task?.decisions ?? findDecisions(doc, t.state));
                return (
                  <List.Item data-testid={`sim-task-${t.state}`}>
                    <Space direction="vertical" size={2}>
                      <span>{t.state} · {t.assignee ? userName(t.assignee) : t.candidates.map(userName).join('、')}</span>
                      <Space wrap>{decisions.map(([d, spec]) => <Button key={d} size="small" data-testid={`sim-act-${t.state}-${d}`} onClick={() => { push({ act: d, by: who!, state: t.state, ...(comment ? { comment } : {}) }); setComment(''); }}>{spec.title[lang]}</Button>)}</Space>
                    </Space>
                  </List.Item>
                );
              }} />
              {eventsNow(doc, view.final.value).length > 0 && (
                <Space wrap style={{ margin: '6px 0' }} data-testid="sim-events">{tx(lang, 'simulatePanel.sendEvent')}
                  {eventsNow(doc, view.final.value).map((ev) => {
                    const sender = directory.users.find((u) => u.roles.some((r) => ev.roles.includes(r.role)));
                    return <Button key={ev.event} size="small" data-testid={`sim-event-${ev.event}`}
                      onClick={() => push(sender ? { event: ev.event, by: sender.id, ...(comment ? { comment } : {}) } : { event: ev.event, source: ev.roles.includes('device') ? 'device' : ev.roles.includes('external') ? 'external' : 'system' })}>
                      {ev.event}{sender ? `（${sender.name}）` : ''}</Button>;
                  })}
                </Space>
              )}
              <List size="small" header={tx(lang, 'simulatePanel.timers')} dataSource={view.timers} renderItem={(t) => <List.Item><span>{t.purpose} → {formatSimTime(t.dueAt, lang)}</span></List.Item>} />
            </Card>
          </Col>
          <Col span={15}>
            <Card size="small" title={tx(lang, 'simulatePanel.stepsAndEffects')} styles={{ body: { maxHeight: 260, overflow: 'auto' } }}>
              {view.result.records.map((r) => (
                <div key={r.index} data-testid={`sim-record-${r.index}`}>
                  <Typography.Text strong type={r.accepted ? undefined : 'danger'}>{formatSimTime(r.at, lang)} · {r.label}</Typography.Text>
                  {r.diagnostics.map((d, i) => <div key={i} style={{ color: '#cf1322' }}>{d.message[lang]}</div>)}
                  {r.effects.map((e, i) => <EffectLine key={i} effect={e} userName={userName} onAdapter={(op, okay) => push({ adapter: op, ok: okay })} />)}
                </div>
              ))}
            </Card>
            <Space style={{ marginTop: 8 }}>
              <Input size="small" data-testid="sim-scenario-name" placeholder={tx(lang, 'simulatePanel.scenarioName')} value={name} onChange={(e) => setName(e.target.value)} />
              <Button size="small" data-testid="sim-save" disabled={!name.trim()} loading={save.isPending}
                onClick={() => save.mutate([...(scenarios.data ?? []).filter((s) => s.name !== name.trim()), { name: name.trim(), script: script!, expect: { state: view.final.value, status: view.final.status } }])}>{tx(lang, 'simulatePanel.saveAsScenario')}</Button>
            </Space>
          </Col>
        </Row>
      )}
      <ScenarioList scenarios={scenarios.data ?? []} onLoad={(s) => setScript(s.script)} onRemove={(n) => save.mutate((scenarios.data ?? []).filter((s) => s.name !== n))} />
    </div>
  );
}

function findDecisions(doc: { states: Record<string, { task?: { decisions: Record<string, { title: { 'zh-CN': string; en: string } }> }; states?: Record<string, unknown> }> }, id: string): Record<string, { title: { 'zh-CN': string; en: string } }> {
  for (const s of Object.values(doc.states)) {
    if (s.states) {
      const inner = s.states as typeof doc.states;
      if (inner[id]?.task) return inner[id]!.task!.decisions;
      const deeper = findDecisions({ states: inner }, id);
      if (Object.keys(deeper).length) return deeper;
    }
  }
  return {};
}
