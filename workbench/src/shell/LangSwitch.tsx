/** 中文 / English switch (remembered on this device). */
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { setLang, type Lang } from '../i18n/i18n.ts';

/** The language switch. */
export function LangSwitch() {
  const { i18n, t } = useTranslation();
  return (
    <Segmented<Lang> size="small" aria-label={t('lang.switch')} value={i18n.language === 'en' ? 'en' : 'zh-CN'} onChange={setLang}
      options={[{ label: '中文', value: 'zh-CN' }, { label: 'EN', value: 'en' }]} />
  );
}
