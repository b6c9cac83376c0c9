/**
 * 页面不存在: one not-found page for an unknown route and for a case outside the user's scope —
 * the server answers 404 for both, and so does the screen (existence is not revealed).
 */
import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

/** The not-found page. */
export function NotFound() {
  const { t } = useTranslation();
  return <Result status="404" title={t('notFound.title')} subTitle={t('notFound.body')} extra={<Link to="/"><Button type="primary">{t('notFound.home')}</Button></Link>} />;
}
