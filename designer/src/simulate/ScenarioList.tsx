/** Saved scenarios of the item, each replayed on the current draft (the same check publish makes): pass or fail, with where it ended. */
import { Button, List, Tag } from 'antd';
import { useEditor } from '../editor/EditorContext.tsx';
import type { Scenario } from '../api/designerApi.ts';
import { runScript } from './simSession.ts';

/** Replays a scenario on a draft: passes when the run is accepted and ends where it ended when saved. */
export function replay(doc: Parameters<typeof runScript>[0], s: Scenario, dir: Parameters<typeof runScript>[2]): { ok: boolean; state: unknown } {
  try {
    const v = runScript(doc, s.script, dir);
    return { ok: v.result.ok && JSON.stringify(v.final.value) === JSON.stringify(s.expect.state) && v.final.status === s.expect.status, state: v.final.value };
  } catch {
    return { ok: false, state: undefined };
  }
}

export function ScenarioList({ scenarios, onLoad, onRemove }: { scenarios: Scenario[]; onLoad(s: Scenario): void; onRemove(name: string): void }) {
  const { doc, directory, lang } = useEditor();
  if (!scenarios.length || !directory) return null;
  return (
    <List size="small" header={lang === 'en' ? 'Saved scenarios (replayed before publishing)' : '已保存的场景（发布前自动回归）'} dataSource={scenarios} data-testid="scenarios"
      renderItem={(s) => {
        const r = replay(doc, s, directory);
        return (
          <List.Item actions={[<Button key="l" size="small" onClick={() => onLoad(s)}>{lang === 'en' ? 'Open' : '载入'}</Button>, <Button key="r" size="small" danger onClick={() => onRemove(s.name)}>×</Button>]}>
            <Tag color={r.ok ? 'green' : 'red'} data-testid={`scenario-${s.name}`}>{r.ok ? (lang === 'en' ? 'pass' : '通过') : (lang === 'en' ? 'fail' : '失败')}</Tag>{s.name}
            {!r.ok && <span style={{ color: '#cf1322', marginInlineStart: 8 }}>{lang === 'en' ? 'ends in' : '现停在'} {JSON.stringify(r.state)}，{lang === 'en' ? 'expected' : '应为'} {JSON.stringify(s.expect.state)}</span>}
          </List.Item>
        );
      }} />
  );
}
