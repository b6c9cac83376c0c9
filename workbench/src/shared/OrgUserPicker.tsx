/**
 * 选人: pick people on the org tree (转办 / 委派 / 加签 / 抄送 / 批量转办). The tree shows the units
 * in the user's scope; choosing a unit lists its people. Keyboard: arrows move in the tree, space picks.
 */
import { useState } from 'react';
import { Checkbox, Col, Empty, Radio, Row, Spin, Tree } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client.ts';
import { useOrgUnits } from './lookups.ts';
import { buildOrgTree } from './orgTree.ts';

/** The picker; `value` is the chosen user ids; `onChange` also gets the people of the unit shown (to name the ids). */
export function OrgUserPicker({ value = [], onChange, multiple = false }: { value?: string[]; onChange?: (ids: string[], shown: Array<{ id: string; name: string }>) => void; multiple?: boolean }) {
  const { t } = useTranslation();
  const orgs = useOrgUnits();
  const [code, setCode] = useState<string>();
  const members = useQuery({
    queryKey: ['org-members', code], enabled: !!code,
    queryFn: () => unwrap(api.GET('/api/org-units/{code}/users', { params: { path: { code: code! } } })),
  });
  const tree = orgs.data ? buildOrgTree(orgs.data.items) : [];
  const people = members.data?.items ?? [];
  // a person with what they do there: role titles, not role ids (孙倩（社区干部）)
  const labelOf = (p: { name: string; roles: string[] }) => `${p.name}（${p.roles.map((r) => t(`admin.role.${r}`, { defaultValue: r })).join('、') || t('picker.member')}）`;
  return (
    <Row gutter={12}>
      <Col xs={24} sm={12}>
        <div aria-label={t('picker.tree')} style={{ maxHeight: 260, overflow: 'auto', border: '1px solid #f0f0f0', borderRadius: 6, padding: 4 }}>
          {orgs.isPending ? <Spin /> : <Tree treeData={tree} defaultExpandAll={tree.length < 3} onSelect={(_k, info) => setCode((info.node as unknown as { code: string }).code)} />}
        </div>
      </Col>
      <Col xs={24} sm={12}>
        <fieldset style={{ border: 0, margin: 0, padding: 0, maxHeight: 260, overflow: 'auto' }}>
          <legend className="tb-sr-only">{t('picker.people')}</legend>
          {!code ? <Empty description={t('picker.chooseUnit')} /> : members.isPending ? <Spin /> : !people.length ? <Empty description={t('picker.nobody')} />
            : multiple
              ? <Checkbox.Group value={value} onChange={(v) => onChange?.(v as string[], people)} options={people.map((p) => ({ value: p.id, label: labelOf(p) }))} style={{ display: 'grid' }} />
              : <Radio.Group value={value[0]} onChange={(e) => onChange?.([e.target.value as string], people)} options={people.map((p) => ({ value: p.id, label: labelOf(p) }))} style={{ display: 'grid' }} />}
        </fieldset>
      </Col>
    </Row>
  );
}
