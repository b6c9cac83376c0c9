/** A user's own notification preferences: language, SMS/WeChat for what is not urgent, quiet hours, contact points (shown masked). */
import { isCnMobile, maskValue } from '@tongban/engine';
import { RefusedError } from '../../errors/DomainError.ts';
import { defineOperation, ok, S, type Operation } from '../../http/operation.ts';
import type { Services } from '../../services.ts';

const hhmm = { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' };

/** The preference operations. */
export function notificationPrefOperations(s: Services): Operation[] {
  const view = async (userId: string) => {
    const p = await s.inbox.preferences(userId);
    return { locale: p.locale, sms: p.sms, wechat: p.wechat, quietHours: p.quietHours ?? null, phone: p.phone ? maskValue('phone', p.phone) : null, wechatBound: !!p.wechatOpenId };
  };
  return [
    defineOperation({
      method: 'get', path: '/api/me/notification-preferences', operationId: 'getNotificationPrefs', tag: 'notifications', responses: ok('NotificationPrefs'), summary: '我的通知偏好 My notification preferences',
      async handler({ user }) { return { body: await view(user.id) }; },
    }),
    defineOperation({
      method: 'put', path: '/api/me/notification-preferences', operationId: 'putNotificationPrefs', tag: 'notifications', responses: ok('NotificationPrefs'), summary: '保存我的通知偏好 Save my notification preferences',
      body: S.object({ locale: { type: 'string', enum: ['zh-CN', 'en'] }, sms: { type: 'boolean' }, wechat: { type: 'boolean' },
        quietHours: { anyOf: [{ type: 'null' }, S.object({ start: hhmm, end: hhmm }, ['start', 'end'])] }, phone: { type: 'string', maxLength: 20 }, wechatOpenId: { type: 'string', maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' } }),
      async handler({ user, body }) {
        if (body.phone !== undefined && body.phone !== '' && !isCnMobile(body.phone)) throw new RefusedError('case.data-invalid', { errors: [{ path: '/phone', message: '须为中国大陆手机号 (a mainland mobile number)' }] });
        const cur = await s.inbox.preferences(user.id);
        await s.inbox.savePreferences({
          ...cur, ...(body.locale ? { locale: body.locale } : {}), ...(body.sms !== undefined ? { sms: body.sms } : {}), ...(body.wechat !== undefined ? { wechat: body.wechat } : {}),
          ...(body.quietHours !== undefined ? { quietHours: body.quietHours ?? undefined } : {}),
          ...(body.phone !== undefined ? { phone: body.phone || undefined } : {}), ...(body.wechatOpenId !== undefined ? { wechatOpenId: body.wechatOpenId || undefined } : {}),
        });
        return { body: await view(user.id) };
      },
    }),
  ];
}
