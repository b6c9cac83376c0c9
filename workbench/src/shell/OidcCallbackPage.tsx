/** /login/oidc: where the county's identity provider sends the browser back; the answer goes to the API, which signs the user in. */
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client.ts';
import type { ApiError } from '../api/ApiError.ts';
import { setSession } from './session.ts';
import { LoadingState } from '../shared/LoadingState.tsx';
import { safeNext } from './LoginPage.tsx';

/** Finishes an OIDC sign-in. */
export default function OidcCallbackPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [error, setError] = useState<ApiError | null>(null);
  const sent = useRef(false);
  useEffect(() => {
    if (sent.current) return; // a code is good once
    sent.current = true;
    unwrap(api.POST('/api/auth/oidc/callback', { body: { search: location.search || '?' } }))
      .then((out) => { setSession(out); navigate(safeNext(out.next), { replace: true }); })
      .catch((err: ApiError) => setError(err));
  }, [navigate]);
  if (!error) return <LoadingState />;
  return (
    <main style={{ minHeight: '100%', display: 'grid', placeItems: 'center', padding: 16 }}>
      <Card style={{ maxWidth: 380 }}>
        <Alert type="error" showIcon role="alert" title={error.message} description={error.code} style={{ marginBottom: 16 }} />
        <Button type="primary" onClick={() => navigate('/login', { replace: true })}>{t('login.submit')}</Button>
      </Card>
    </main>
  );
}
