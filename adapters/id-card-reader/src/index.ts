/**
 * id-card-reader: the server side of the ID-card reader. The worker's browser reads the card through
 * the local bridge (`./bridge`), then asks `/ext/id-card-reader/fill` (or the `read` operation) for the
 * values of the form's resident fields: the card is checked (GB 11643 check digit, birth date, validity),
 * only the fields the form declares come back, the photo only when the form maps it. ID numbers and
 * names are personal data: never logged (the SDK logger redacts them; this code logs codes only).
 */
import { definePlugin, defineOperation, PermanentError } from '@tongban/plugin-sdk';
import { checkCard, fill, type Card } from './card.ts';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const f = (zh: string, en: string, extra: Record<string, unknown>) => ({ ...extra, 'x-title': t(zh, en), 'x-help': t(zh, en) });

interface Config { forms: Record<string, Record<string, string>> }

const cardSchema = f('身份证', 'ID card', { type: 'object', required: ['name', 'idNumber', 'birthDate', 'validTo'], 'x-pii': 'id-number', properties: {
  name: f('姓名', 'Name', { type: 'string', maxLength: 30 }), sex: f('性别', 'Sex', { type: 'string' }), nation: f('民族', 'Nation', { type: 'string' }),
  birthDate: f('出生日期', 'Birth date', { type: 'string' }), address: f('住址', 'Address', { type: 'string', maxLength: 200 }), idNumber: f('公民身份号码', 'ID number', { type: 'string', maxLength: 18 }),
  issuer: f('签发机关', 'Issuer', { type: 'string' }), validFrom: f('有效期起', 'Valid from', { type: 'string' }), validTo: f('有效期止', 'Valid to', { type: 'string' }),
  photo: f('相片', 'Photo', { type: 'string', maxLength: 65_536 }), samId: f('SAM 编号', 'SAM id', { type: 'string' }) } });

function fillFor(config: Config, form: string, card: Card, now: number): Record<string, string> {
  const mapping = config.forms[form];
  if (!mapping) throw new PermanentError('card.unknown-form', '该表单没有配置读卡字段', { en: 'No card fields are mapped for this form' });
  const problem = checkCard(card, now);
  if (problem) throw new PermanentError(problem, problem === 'card.expired' ? '身份证已过有效期' : '身份证信息无效', { en: problem === 'card.expired' ? 'The card has expired' : 'The card data is not valid' });
  return fill(card, mapping);
}

const read = defineOperation<{ form: string; card: Card }, { values: Record<string, string> }, Config>({
  title: t('读卡填表', 'Fill from the ID card'), description: t('校验身份证并返回表单声明的居民字段', 'Checks the card and returns the resident fields the form declares'),
  input: { type: 'object', additionalProperties: false, required: ['form', 'card'], properties: { form: f('表单', 'Form', { type: 'string' }), card: cardSchema } },
  output: { type: 'object', required: ['values'], properties: { values: { type: 'object', 'x-title': t('字段值', 'Values') } } },
  retry: { attempts: 1, backoff: { initialMs: 0, factor: 1, maxMs: 0 } },
  async run(ctx, input) { return { values: fillFor(ctx.config, input.form, input.card, ctx.clock.now()) }; },
});

export default definePlugin<Config>({
  id: 'id-card-reader', version: '1.0.0', sdk: '^1',
  title: t('身份证阅读器', 'ID-card reader'), description: t('读卡校验并填入表单的居民字段', 'Checks a read card and fills a form’s resident fields'),
  config: { version: 1, schema: { type: 'object', additionalProperties: false, properties: {
    forms: { type: 'object', default: { 'referral.request': { patientIdNumber: 'idNumber' }, 'volunteer-task.enrol': { name: 'name', sex: 'sex', birthDate: 'birthDate', idNumber: 'idNumber' } },
      additionalProperties: { type: 'object', additionalProperties: { type: 'string' } }, 'x-title': t('表单字段对照', 'Form field map'), 'x-help': t('“服务事项.表单” → { 表单字段: 卡片字段 }', '"item.form" → { form field: card field }') } } } },
  operations: { read },
  routes: [{ method: 'POST', path: '/fill', async handler(req, ctx) {
    let body: { form?: unknown; card?: unknown };
    try { body = JSON.parse(req.body.toString('utf8')) as typeof body; } catch { return { status: 400, body: { error: { code: 'card.malformed' } } }; }
    if (typeof body.form !== 'string' || !body.card || typeof body.card !== 'object') return { status: 400, body: { error: { code: 'card.malformed' } } };
    try {
      return { status: 200, body: { values: fillFor(ctx.config, body.form, body.card as Card, ctx.clock.now()) } };
    } catch (err) {
      const code = (err as { code?: string }).code ?? 'card.malformed';
      ctx.logger.warn({ code }, 'card refused');
      return { status: 422, body: { error: { code, message: (err as Error).message } } };
    }
  } }],
});
