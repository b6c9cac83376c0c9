/** 暂无数据: an empty list says so, in the screen's own words. */
import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';

/** The empty state of a list. */
export function EmptyState({ label }: { label?: string }) {
  const { t } = useTranslation();
  return <Empty description={label ?? t('state.empty')} style={{ padding: 32 }} />;
}
