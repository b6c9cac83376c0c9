/**
 * 出错了: the API's code and message as they came (never a stack trace or a blank screen), with a
 * retry. A network failure says so, since a field worker can do something about it.
 */
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/ApiError.ts';

/** The error state of a screen or panel. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const e = error instanceof ApiError ? error : new ApiError('client.error', String((error as Error)?.message ?? error), -1);
  return (
    <Result status={e.status >= 500 ? '500' : 'warning'} title={e.isNetwork ? t('state.offline') : e.message}
      subTitle={<span>{t('state.errorCode')}: <code>{e.code}</code>{e.details.requestId ? ` · ${t('state.requestId')}: ${String(e.details.requestId)}` : ''}</span>}
      extra={onRetry && <Button onClick={onRetry}>{t('state.retry')}</Button>} />
  );
}
