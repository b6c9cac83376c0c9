/** Allowed task operations (转办, 委派, 加减签, 撤回, 催办, 抄送) and what each requires. */
import { tx } from '../i18n/tx.ts';
import { Checkbox, Select, Space } from 'antd';
import type { TaskOp, TaskSpec } from '@tongban/engine';
import { TaskOps } from '@tongban/engine';
import { useEditor } from '../editor/EditorContext.tsx';
import { setValue } from '../doc/commands.ts';
import { Section } from './Section.tsx';

const opZh: Record<TaskOp, [string, string]> = { transfer: ['转办', 'Transfer'], delegate: ['委派', 'Delegate'], addSigner: ['加签', 'Add signer'], removeSigner: ['减签', 'Remove signer'], withdraw: ['撤回', 'Withdraw'], urge: ['催办', 'Urge'], copy: ['抄送', 'Copy'] };

export function OperationsEditor({ pointer, task }: { pointer: string; task: TaskSpec }) {
  const { exec, lang } = useEditor();
  const allow = task.allow ?? [];
  return (
    <Section title={tx(lang, 'operationsEditor.allowedOperations')} testId="operations">
      <Checkbox.Group value={allow} onChange={(v) => exec(setValue(`${pointer}/task/allow`, v.length ? TaskOps.filter((o) => v.includes(o)) : undefined))}
        options={TaskOps.map((o) => ({ value: o, label: lang === 'en' ? opZh[o][1] : opZh[o][0] }))} />
      <Space direction="vertical" style={{ marginTop: 6 }}>
        {allow.map((o) => (
          <Space key={o}>{lang === 'en' ? opZh[o][1] : opZh[o][0]} {tx(lang, 'operationsEditor.requires')}
            <Select size="small" mode="multiple" style={{ minWidth: 160 }} value={task.requires?.[o] ?? []} onChange={(v) => exec(setValue(`${pointer}/task/requires/${o}`, v.length ? v : undefined))}
              options={[{ value: 'comment', label: tx(lang, 'operationsEditor.comment') }, { value: 'signature', label: tx(lang, 'operationsEditor.signature') }, { value: 'attachment', label: tx(lang, 'operationsEditor.attachment') }]} />
          </Space>
        ))}
      </Space>
    </Section>
  );
}
