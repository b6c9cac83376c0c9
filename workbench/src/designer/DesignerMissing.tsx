/** Stands in for the designer when its workspace is not installed in this build. */
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DesignerProps } from './shellApi.ts';

/** The placeholder screen. */
export default function DesignerMissing(_props: DesignerProps) {
  const { t } = useTranslation();
  return <Result status="info" title={t('designer.missing')} subTitle={t('designer.missingHint')} />;
}
