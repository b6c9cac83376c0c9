/**
 * A condition (guard, visibility) edited with react-querybuilder's antd controls over the case's
 * fields and the engine's variables, saved as JSONLogic. Logic the builder cannot show without loss
 * opens in a JSON editor instead; invalid JSON is never written to the document.
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Input, Space } from 'antd';
import { QueryBuilder, type RuleGroupType } from 'react-querybuilder';
import { QueryBuilderAntD } from '@react-querybuilder/antd';
import 'react-querybuilder/dist/query-builder.css';
import type { Definition } from '@tongban/engine';
import { conditionFields } from './conditionFields.ts';
import { logicToQuery, queryToLogic } from './logicQuery.ts';

const zhOperators = [
  { name: '=', label: '等于' }, { name: '!=', label: '不等于' }, { name: '<', label: '小于' }, { name: '>', label: '大于' }, { name: '<=', label: '小于等于' }, { name: '>=', label: '大于等于' },
  { name: 'in', label: '属于' }, { name: 'notIn', label: '不属于' }, { name: 'contains', label: '包含' }, { name: 'beginsWith', label: '开头是' }, { name: 'endsWith', label: '结尾是' },
  { name: 'null', label: '为空' }, { name: 'notNull', label: '不为空' }, { name: 'between', label: '介于' }, { name: 'notBetween', label: '不介于' },
];
const zhTranslations = { addRule: { label: '+ 条件', title: '添加条件' }, addGroup: { label: '+ 条件组', title: '添加条件组' }, removeRule: { label: '×', title: '删除' }, removeGroup: { label: '×', title: '删除' } };

export function ConditionField({ value, onChange, def, lang, testId }: { value: unknown; onChange(v: unknown): void; def: Pick<Definition, 'data'>; lang: 'zh-CN' | 'en'; testId?: string }) {
  const parsed = useMemo(() => logicToQuery(value), [value]);
  const [mode, setMode] = useState<'builder' | 'json'>(parsed.ok ? 'builder' : 'json');
  const [query, setQuery] = useState<RuleGroupType>(parsed.ok ? parsed.query : { combinator: 'and', rules: [] });
  const [text, setText] = useState(() => (value === undefined ? '' : JSON.stringify(value, null, 2)));
  const [bad, setBad] = useState(false);
  const fields = useMemo(() => conditionFields(def, lang), [def, lang]);
  const forcedJson = !parsed.ok;
  return (
    <div data-testid={testId}>
      <Space style={{ marginBottom: 4 }}>
        <Button size="small" type={mode === 'builder' ? 'primary' : 'default'} disabled={forcedJson} onClick={() => { const p = logicToQuery(value); if (p.ok) { setQuery(p.query); setMode('builder'); } }}>{lang === 'en' ? 'Builder' : '可视化编辑'}</Button>
        <Button size="small" type={mode === 'json' ? 'primary' : 'default'} onClick={() => { setText(value === undefined ? '' : JSON.stringify(value, null, 2)); setMode('json'); }}>JSON</Button>
      </Space>
      {forcedJson && <Alert style={{ marginBottom: 4 }} type="info" showIcon message={lang === 'en' ? 'This condition cannot be shown in full by the builder; it opens in the JSON editor (nothing is lost)' : '该条件无法在可视化编辑器中完整显示，已切换到 JSON 编辑（不会丢失任何部分）'} />}
      {mode === 'builder' && !forcedJson ? (
        <QueryBuilderAntD>
          <QueryBuilder fields={fields} query={query} operators={lang === 'en' ? undefined : zhOperators} translations={lang === 'en' ? undefined : zhTranslations}
            onQueryChange={(q) => { setQuery(q); onChange(queryToLogic(q)); }} />
        </QueryBuilderAntD>
      ) : (
        <>
          <Input.TextArea data-testid={testId ? `${testId}-json` : undefined} rows={5} value={text} status={bad ? 'error' : undefined} style={{ fontFamily: 'monospace' }}
            onChange={(e) => {
              setText(e.target.value);
              if (e.target.value.trim() === '') { setBad(false); onChange(undefined); return; }
              try { const v = JSON.parse(e.target.value) as unknown; setBad(false); onChange(v); } catch { setBad(true); }
            }} />
          {bad && <Alert type="error" message={lang === 'en' ? 'Invalid JSON (not saved)' : 'JSON 格式错误（未保存）'} />}
        </>
      )}
    </div>
  );
}
