/** A coded API error as an alert: the server's message (zh-CN or English) and its stable code. */
import { Alert } from 'antd';
import type { ApiError } from '../api/ApiError.ts';

/** Shows `error` (nothing when null). */
export function ErrorAlert({ error }: { error: unknown }) {
  if (!error) return null;
  const e = error as ApiError;
  return <Alert type="error" showIcon role="alert" style={{ marginBottom: 8 }} title={e.message} description={<code data-testid="error-code">{e.code}</code>} />;
}
