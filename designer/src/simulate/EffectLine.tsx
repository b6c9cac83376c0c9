/** One effect of a simulated step, in words: a task for 李娜, a timer due 10月10日, an SMS with its text, an adapter call with buttons to answer it. */
import { Button, Space, Tag } from 'antd';
import { renderTemplate, type Effect } from '@tongban/engine';
import { useEditor } from '../editor/EditorContext.tsx';
import { formatSimTime } from './formatTime.ts';

export function EffectLine({ effect: e, userName, onAdapter }: { effect: Effect; userName(id?: string): string; onAdapter(op: string, ok: boolean): void }) {
  const { doc, lang, directory } = useEditor();
  const en = lang === 'en';
  const orgName = (p?: string) => directory?.orgs.find((o) => o.path === p)?.name ?? p ?? '';
  const recipients = (r: { role?: string; orgPath?: string; orgPaths?: string[]; users?: string[] }) => [
    r.role ? `${doc.roles[r.role]?.title[lang] ?? r.role}${r.orgPath ? `@${orgName(r.orgPath)}` : ''}${r.orgPaths ? `@${r.orgPaths.map(orgName).join('、')}` : ''}` : '',
    (r.users ?? []).map(userName).join('、'),
  ].filter(Boolean).join('；');
  switch (e.kind) {
    case 'task.create': {
      const who = e.assignment.assignee ? userName(e.assignment.assignee) : e.assignment.candidates.map(userName).join('、');
      return <div><Tag color="blue">{en ? 'task' : '待办'}</Tag>{e.title[lang]} → {who} <span style={{ color: '#888' }}>{e.assignment.why.map((w) => w[lang]).join('；')}</span></div>;
    }
    case 'task.cancel': return <div><Tag>{en ? 'cancelled' : '取消待办'}</Tag>{e.taskId}（{e.reason}）</div>;
    case 'timer.start': return <div><Tag color="purple">{en ? 'timer' : '计时'}</Tag>{e.purpose} → {formatSimTime(e.dueAt, lang)}</div>;
    case 'notify': {
      const src = doc.templates?.[e.template]?.[lang];
      const text = src ? renderTemplate(src, e.vars, lang) : undefined;
      return <div data-testid="sim-notify"><Tag color="orange">{en ? 'notify' : '通知'}·{e.channel}</Tag>→ {recipients(e.recipients)} {text?.ok ? `「${text.text}」` : e.template}</div>;
    }
    case 'adapter.invoke': return (
      <div><Tag color="cyan">{en ? 'adapter' : '调用'}</Tag>{e.operation} {JSON.stringify(e.input)}
        <Space style={{ marginInlineStart: 6 }}><Button size="small" onClick={() => onAdapter(e.operation, true)}>{en ? 'succeeds' : '模拟成功'}</Button><Button size="small" danger onClick={() => onAdapter(e.operation, false)}>{en ? 'fails' : '模拟失败'}</Button></Space>
      </div>
    );
    case 'case.spawn': return <div><Tag color="geekblue">{en ? 'sub-case' : '子案件'}</Tag>{e.definition}</div>;
    case 'audit': return <div><Tag>{en ? 'audit' : '审计'}</Tag>{e.action}</div>;
    default: return null;
  }
}
