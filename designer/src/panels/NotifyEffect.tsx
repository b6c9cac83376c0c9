/**
 * A notify effect: template (the item's own, or a shared one from the runtime's libraries, which
 * adds the library to `uses`) with its rendered preview on sample data, channel and recipients.
 */
import { tx } from '../i18n/tx.ts';
import { Alert, Select, Space, Typography } from 'antd';
import { OrgLevels, renderTemplate, type Recipients } from '@tongban/engine';
import { useQuery } from '@tanstack/react-query';
import { useEditor } from '../editor/EditorContext.tsx';
import { setValue } from '../doc/commands.ts';
import { designerApi, keys } from '../api/designerApi.ts';
import { sampleData } from './sampleData.ts';

type Notify = { template: string; channel?: 'app' | 'sms' | 'phone' | 'wechat' | 'cc'; to: Recipients };

export function NotifyEffect({ value, onChange }: { value: Notify; onChange(v: Notify): void }) {
  const { doc, lang, api, exec } = useEditor();
  const libraries = useQuery({ queryKey: keys.libraries, queryFn: () => designerApi.libraries(api).then((r) => r.items), staleTime: 300_000 });
  const own = Object.keys(doc.templates ?? {});
  const shared = (libraries.data ?? []).flatMap((l) => Object.entries(l.templates).filter(([name]) => !own.includes(name)).map(([name, text]) => ({ library: l, name, text })));
  const source = doc.templates?.[value.template]?.[lang] ?? shared.find((x) => x.name === value.template)?.text[lang];
  /** A shared template is the item's once it uses the library (the loader merges it in, the item's own names win). */
  const pick = (template: string) => {
    const lib = shared.find((x) => x.name === template)?.library;
    if (lib && !(doc.uses ?? []).includes(lib.id)) exec(setValue('/uses', [...(doc.uses ?? []), lib.id], { 'zh-CN': `引用公共库 ${lib.id}`, en: `Use library ${lib.id}` }, false));
    onChange({ ...value, template });
  };
  const templateOptions = [
    { label: tx(lang, 'notifyEffect.ownTemplates'), options: own.map((t) => ({ value: t, label: t })) },
    ...(libraries.data ?? []).map((l) => ({ label: `${tx(lang, 'notifyEffect.library')} ${l.title[lang]}（${l.id}）`, options: shared.filter((x) => x.library.id === l.id).map((x) => ({ value: x.name, label: `${x.name} · ${x.text[lang].slice(0, 24)}` })) })),
  ].filter((g) => g.options.length);
  const preview = source ? renderTemplate(source, { caseId: 'FJ-2026-000123', data: sampleData(doc.data) }, lang) : undefined;
  const mode = value.to.to ? 'to' : value.to.role ? 'role' : value.to.field ? 'field' : 'users';
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="notify-effect">
      <Space wrap>
        {tx(lang, 'notifyEffect.template')}<Select size="small" data-testid="notify-template" style={{ minWidth: 200 }} value={value.template} onChange={pick} options={templateOptions} />
        {tx(lang, 'notifyEffect.channel')}<Select size="small" value={value.channel ?? 'app'} onChange={(channel) => onChange({ ...value, channel })} options={[
          { value: 'app', label: tx(lang, 'notifyEffect.app') }, { value: 'sms', label: tx(lang, 'notifyEffect.sms') }, { value: 'phone', label: tx(lang, 'notifyEffect.phone') }, { value: 'wechat', label: tx(lang, 'notifyEffect.wechat') }, { value: 'cc', label: tx(lang, 'notifyEffect.cc') }]} />
      </Space>
      <Space wrap>
        {tx(lang, 'notifyEffect.to')}
        <Select size="small" value={mode} onChange={(m) => onChange({ ...value, to: m === 'to' ? { to: 'initiator' } : m === 'role' ? { role: Object.keys(doc.roles)[0] ?? '', scope: 'community' } : m === 'field' ? { field: '' } : { users: [] } })}
          options={[{ value: 'to', label: tx(lang, 'notifyEffect.caseParty') }, { value: 'role', label: tx(lang, 'notifyEffect.role') }, { value: 'field', label: tx(lang, 'notifyEffect.numberInAField') }, { value: 'users', label: tx(lang, 'notifyEffect.users') }]} />
        {mode === 'to' && <Select size="small" value={value.to.to} onChange={(to) => onChange({ ...value, to: { to } })} options={[{ value: 'initiator', label: tx(lang, 'notifyEffect.initiator') }, { value: 'assignees', label: tx(lang, 'notifyEffect.assignees') }, { value: 'previous-handler', label: tx(lang, 'notifyEffect.previousHandler') }]} />}
        {mode === 'role' && <>
          <Select size="small" style={{ minWidth: 120 }} value={value.to.role} onChange={(role) => onChange({ ...value, to: { ...value.to, role } })} options={Object.keys(doc.roles).map((r) => ({ value: r, label: doc.roles[r]!.title['zh-CN'] }))} />
          <Select size="small" value={value.to.scope ?? 'case'} onChange={(scope) => onChange({ ...value, to: { ...value.to, scope } })} options={[...OrgLevels, 'case'].map((l) => ({ value: l, label: l }))} /></>}
        {mode === 'field' && <Select size="small" style={{ minWidth: 120 }} value={value.to.field} onChange={(field) => onChange({ ...value, to: { field } })} options={Object.keys(doc.data.properties ?? {}).map((f) => ({ value: f, label: f }))} />}
      </Space>
      {preview && (preview.ok
        ? <Typography.Paragraph data-testid="notify-preview" type="secondary" style={{ background: '#fafafa', padding: 6, margin: 0 }}>{preview.text}</Typography.Paragraph>
        : <Alert type="error" message={preview.diagnostics.map((d) => d.message[lang]).join('；')} />)}
    </Space>
  );
}
