/** Task mode: 单人, 会签 (pass ratio), 或签 (first rejection decides), 依次, 票签 (weights per role, threshold). */
import { tx } from '../i18n/tx.ts';
import { InputNumber, Select, Space, Switch } from 'antd';
import type { TaskMode, TaskSpec } from '@tongban/engine';
import { useEditor } from '../editor/EditorContext.tsx';
import { batch, setValue } from '../doc/commands.ts';
import { Section } from './Section.tsx';

export function TaskModeEditor({ pointer, task }: { pointer: string; task: TaskSpec }) {
  const { doc, exec, lang } = useEditor();
  const p = `${pointer}/task`;
  const mode = task.mode ?? 'single';
  const setMode = (m: TaskMode) => exec(batch({ 'zh-CN': '修改办理方式', en: 'Edit task mode' }, [
    setValue(`${p}/mode`, m === 'single' ? undefined : m),
    setValue(`${p}/passRatio`, m === 'all' ? task.passRatio : undefined),
    setValue(`${p}/firstRejectDecides`, m === 'any' ? task.firstRejectDecides : undefined),
    setValue(`${p}/vote`, m === 'vote' ? task.vote ?? { threshold: 0.5 } : undefined),
  ]));
  return (
    <Section title={tx(lang, 'taskModeEditor.taskMode')} testId="task-mode">
      <Space wrap>
        <Select data-testid="task-mode-select" style={{ minWidth: 140 }} value={mode} onChange={setMode} options={[
          { value: 'single', label: tx(lang, 'taskModeEditor.single') }, { value: 'all', label: tx(lang, 'taskModeEditor.countersignAll') },
          { value: 'any', label: tx(lang, 'taskModeEditor.anyOneSign') }, { value: 'sequence', label: tx(lang, 'taskModeEditor.sequential') }, { value: 'vote', label: tx(lang, 'taskModeEditor.vote') }]} />
        {mode === 'all' && <>{tx(lang, 'taskModeEditor.passRatio')}<InputNumber min={0.01} max={1} step={0.1} value={task.passRatio ?? 1} onChange={(v) => exec(setValue(`${p}/passRatio`, v ?? undefined))} /></>}
        {mode === 'any' && <>{tx(lang, 'taskModeEditor.firstRejectionDecides')}<Switch checked={!!task.firstRejectDecides} onChange={(v) => exec(setValue(`${p}/firstRejectDecides`, v || undefined))} /></>}
        {mode === 'vote' && <>
          {tx(lang, 'taskModeEditor.threshold')}<InputNumber min={0} max={1} step={0.05} value={task.vote?.threshold ?? 0.5} onChange={(v) => exec(setValue(`${p}/vote/threshold`, v ?? 0.5))} />
          {tx(lang, 'taskModeEditor.strictlyAbove')}<Switch checked={!!task.vote?.strict} onChange={(v) => exec(setValue(`${p}/vote/strict`, v || undefined))} />
        </>}
      </Space>
      {mode === 'vote' && (
        <Space wrap style={{ marginTop: 8 }}>
          {Object.keys(doc.roles).map((r) => (
            <span key={r}>{doc.roles[r]!.title['zh-CN']} {tx(lang, 'taskModeEditor.weight')} <InputNumber size="small" min={0} value={task.vote?.weights?.[r] ?? 1} onChange={(v) => exec(setValue(`${p}/vote/weights/${r}`, v === 1 || v === null ? undefined : v))} /></span>
          ))}
        </Space>
      )}
    </Section>
  );
}
