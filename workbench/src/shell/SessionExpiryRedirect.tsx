/** Sends the user to the login page when the server says the session ended, and back afterwards. */
import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { setSessionExpiredHandler } from '../api/client.ts';

/** Registers the 401 handler of the API client (renders nothing). */
export function SessionExpiryRedirect() {
  const navigate = useNavigate();
  const loc = useLocation();
  const { message } = App.useApp();
  const { t } = useTranslation();
  useEffect(() => {
    setSessionExpiredHandler(() => {
      if (location.pathname === '/login') return;
      void message.warning(t('session.expired'));
      navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
    });
  }, [navigate, loc.pathname, message, t]);
  return null;
}
