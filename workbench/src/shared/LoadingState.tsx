/** 加载中: a centred spinner with a label screen readers announce. */
import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';

/** The loading state of a screen or panel. */
export function LoadingState({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div role="status" aria-live="polite" style={{ padding: 48, textAlign: 'center' }}>
      <Spin />
      <div style={{ marginTop: 8, color: 'rgba(0,0,0,0.65)' }}>{label ?? t('state.loading')}</div>
    </div>
  );
}
