/** A user's roles as chips: role at unit; a grant outside its validity period is grey with its dates. */
import { Space, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { tones } from '../shared/tones.ts';

/** One grant as the admin API lists it. */
export interface Grant { role: string; orgPath: string; validFrom: number | null; validUntil: number | null; active: boolean }

/** The chips; `orgName` names a unit by path. */
export function RoleChips({ roles, orgName }: { roles: Grant[]; orgName: (path: string) => string }) {
  const { t } = useTranslation();
  return (
    <Space size={[4, 4]} wrap>
      {roles.map((g) => {
        const period = g.validFrom || g.validUntil ? `${g.validFrom ? dayjs(g.validFrom).format('YYYY-MM-DD') : '…'} ~ ${g.validUntil ? dayjs(g.validUntil).format('YYYY-MM-DD') : '…'}` : '';
        const chip = <Tag key={`${g.role}@${g.orgPath}`} style={g.active ? tones.info : tones.neutral} data-testid="role-chip">{t(`admin.role.${g.role}`, { defaultValue: g.role })} · {orgName(g.orgPath)}{period && !g.active ? ` (${t('admin.users.inactive')})` : ''}</Tag>;
        return period ? <Tooltip key={`${g.role}@${g.orgPath}`} title={period}>{chip}</Tooltip> : chip;
      })}
    </Space>
  );
}
