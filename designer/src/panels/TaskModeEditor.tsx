/** Task mode: 单人, 会签 (pass ratio), 或签 (first rejection decides), 依次, 票签 (weights per role, threshold). */
import { InputNumber, Select, Space, Switch } from 'antd';
import type { TaskMode, TaskSpec } from '@tongban/engine';
import { useEditor } from '../editor/EditorContext.tsx';
import { batch, setValue } from '../doc/commands.ts';
import { Section, tr } from './Section.tsx';

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
    <Section title={tr(lang, '办理方式', 'Task mode')} testId="task-mode">
      <Space wrap>
        <Select data-testid="task-mode-select" style={{ minWidth: 140 }} value={mode} onChange={setMode} options={[
          { value: 'single', label: tr(lang, '单人办理', 'Single') }, { value: 'all', label: tr(lang, '会签（全部同意）', 'Countersign (all)') },
          { value: 'any', label: tr(lang, '或签（一人同意）', 'Any-one sign') }, { value: 'sequence', label: tr(lang, '依次审批', 'Sequential') }, { value: 'vote', label: tr(lang, '票签', 'Vote') }]} />
        {mode === 'all' && <>{tr(lang, '通过比例', 'Pass ratio')}<InputNumber min={0.01} max={1} step={0.1} value={task.passRatio ?? 1} onChange={(v) => exec(setValue(`${p}/passRatio`, v ?? undefined))} /></>}
        {mode === 'any' && <>{tr(lang, '一人驳回即驳回', 'First rejection decides')}<Switch checked={!!task.firstRejectDecides} onChange={(v) => exec(setValue(`${p}/firstRejectDecides`, v || undefined))} /></>}
        {mode === 'vote' && <>
          {tr(lang, '通过票数比例', 'Threshold')}<InputNumber min={0} max={1} step={0.05} value={task.vote?.threshold ?? 0.5} onChange={(v) => exec(setValue(`${p}/vote/threshold`, v ?? 0.5))} />
          {tr(lang, '须超过', 'Strictly above')}<Switch checked={!!task.vote?.strict} onChange={(v) => exec(setValue(`${p}/vote/strict`, v || undefined))} />
        </>}
      </Space>
      {mode === 'vote' && (
        <Space wrap style={{ marginTop: 8 }}>
          {Object.keys(doc.roles).map((r) => (
            <span key={r}>{doc.roles[r]!.title['zh-CN']} {tr(lang, '权重', 'weight')} <InputNumber size="small" min={0} value={task.vote?.weights?.[r] ?? 1} onChange={(v) => exec(setValue(`${p}/vote/weights/${r}`, v === 1 || v === null ? undefined : v))} /></span>
          ))}
        </Space>
      )}
    </Section>
  );
}
