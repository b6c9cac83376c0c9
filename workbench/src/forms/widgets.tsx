/**
 * Our form widgets, registered once for every form a definition declares: 身份证号 (with 读取身份证
 * when a reader bridge is configured), 手机号, 地址, 定位 (from the device), 照片/附件 (the camera on a
 * phone), 手写签名, and 选人 / 选组织 / 选网格 (pickerWidgets.tsx). Each shows what it holds as text (never as markup).
 */
import { useState } from 'react';
import { Button, Image, Input, InputNumber, Space, Tag, Typography, Upload } from 'antd';
import { CameraOutlined, EnvironmentOutlined, IdcardOutlined } from '@ant-design/icons';
import type { FieldProps, RegistryFieldsType, RegistryWidgetsType, WidgetProps } from '@rjsf/utils';
import { useTranslation } from 'react-i18next';
import type { FormCtx } from './formContext.ts';
import { SignaturePad } from './SignaturePad.tsx';
import { LocationPad } from './LocationPad.tsx';
import { previewOf, rememberPreview } from './photoPreviews.ts';
import { imageTypeOf, photoTypes } from './photoType.ts';
import { GridPickerWidget, OrgPickerWidget, UserPickerWidget } from './pickerWidgets.tsx';
import { ConsentPickerWidget } from './ConsentPickerWidget.tsx';

const ctxOf = (p: { registry: { formContext?: unknown } }) => (p.registry.formContext ?? {}) as FormCtx;

/** 身份证号: 18 characters; 读取身份证 asks the local reader bridge. */
export function IdNumberWidget(p: WidgetProps) {
  const { t } = useTranslation();
  const ctx = ctxOf(p);
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string>();
  async function read() {
    setBusy(true); setErr(undefined);
    try {
      const res = await fetch(ctx.bridgeUrl!, { method: 'POST' });
      const card = (await res.json()) as Record<string, string>;
      if (!res.ok || !card.idNumber) throw new Error(card.message ?? String(res.status));
      p.onChange(card.idNumber);
      ctx.onCardRead?.(card);
    } catch (e) {
      setErr(t('widget.cardFailed', { reason: (e as Error).message }));
    } finally { setBusy(false); }
  }
  return (
    <div>
      <Space.Compact style={{ width: '100%' }}>
        <Input id={p.id} value={p.value ?? ''} maxLength={18} autoComplete="off" disabled={p.disabled} readOnly={p.readonly} placeholder={p.placeholder}
          onChange={(e) => p.onChange(e.target.value.toUpperCase() || undefined)} onBlur={() => p.onBlur(p.id, p.value)} />
        {ctx.bridgeUrl && !p.readonly && <Button icon={<IdcardOutlined />} loading={busy} onClick={() => void read()}>{t('widget.readCard')}</Button>}
      </Space.Compact>
      {err && <Typography.Text type="danger" role="alert">{err}</Typography.Text>}
    </div>
  );
}

/** 手机号: a telephone keypad on phones. */
export function MobileWidget(p: WidgetProps) {
  return <Input id={p.id} type="tel" inputMode="numeric" maxLength={11} value={p.value ?? ''} disabled={p.disabled} readOnly={p.readonly} placeholder={p.placeholder}
    onChange={(e) => p.onChange(e.target.value || undefined)} onBlur={() => p.onBlur(p.id, p.value)} />;
}

/** 地址: down to building and unit. */
export function AddressWidget(p: WidgetProps) {
  return <Input.TextArea id={p.id} autoSize={{ minRows: 1, maxRows: 3 }} maxLength={(p.schema.maxLength as number | undefined) ?? 200} value={p.value ?? ''} disabled={p.disabled}
    readOnly={p.readonly} placeholder={p.placeholder} onChange={(e) => p.onChange(e.target.value || undefined)} onBlur={() => p.onBlur(p.id, p.value)} />;
}

/** 手写签名 as a form value: the attachment id of the signed PNG. */
export function SignatureWidget(p: WidgetProps) {
  const { t } = useTranslation();
  const ctx = ctxOf(p);
  if (p.value) return <Space><Typography.Text>{t('signature.done')}</Typography.Text>{!p.readonly && <Button size="small" onClick={() => p.onChange(undefined)}>{t('signature.redo')}</Button>}</Space>;
  return <SignaturePad disabled={p.readonly || !ctx.upload} onSigned={async (png) => { const f = await ctx.upload!(png, 'signature.png'); p.onChange(f.id); }} />;
}

/** 定位: the device's position (获取当前位置), or typed in, or moved on the pad (图上微调); WGS84 as browsers give it. */
export function LocationField(p: FieldProps) {
  const { t } = useTranslation();
  const v = (p.formData ?? {}) as { lat?: number; lng?: number; datum?: string };
  const [state, setState] = useState<'idle' | 'busy' | 'denied' | 'unavailable'>('idle');
  const set = (patch: Partial<typeof v>) => p.onChange({ ...v, datum: v.datum ?? 'WGS84', ...patch }, p.fieldPathId.path);
  const locate = () => {
    if (!('geolocation' in navigator)) { setState('unavailable'); return; }
    setState('busy');
    navigator.geolocation.getCurrentPosition(
      (pos) => { setState('idle'); set({ lat: Math.round(pos.coords.latitude * 1e6) / 1e6, lng: Math.round(pos.coords.longitude * 1e6) / 1e6, datum: 'WGS84' }); },
      (err) => setState(err.code === err.PERMISSION_DENIED ? 'denied' : 'unavailable'),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };
  const title = (p.schema.title as string | undefined) ?? p.name;
  return (
    <fieldset style={{ border: 0, padding: 0, margin: '0 0 16px' }}>
      <legend style={{ fontSize: 14, marginBottom: 6 }}>{title}{p.required ? ' *' : ''}</legend>
      <Space wrap>
        {!p.readonly && <Button icon={<EnvironmentOutlined />} loading={state === 'busy'} onClick={locate}>{t('widget.locate')}</Button>}
        <InputNumber aria-label={t('widget.lat')} placeholder={t('widget.lat')} value={v.lat} min={3} max={54} step={0.000001} readOnly={p.readonly} onChange={(x) => set({ lat: x ?? undefined })} />
        <InputNumber aria-label={t('widget.lng')} placeholder={t('widget.lng')} value={v.lng} min={73} max={136} step={0.000001} readOnly={p.readonly} onChange={(x) => set({ lng: x ?? undefined })} />
      </Space>
      {typeof v.lat === 'number' && typeof v.lng === 'number' && !p.readonly && <LocationPad value={{ lat: v.lat, lng: v.lng }} onMove={(x) => set(x)} />}
      {state === 'denied' && <div role="alert"><Typography.Text type="warning">{t('widget.locateDenied')}</Typography.Text></div>}
      {state === 'unavailable' && <div role="alert"><Typography.Text type="warning">{t('widget.locateUnavailable')}</Typography.Text></div>}
      {p.rawErrors?.map((e) => <div key={e}><Typography.Text type="danger">{e}</Typography.Text></div>)}
    </fieldset>
  );
}

/**
 * 照片/附件: the camera on a phone (or files); each file is stored at once and the field keeps its id —
 * offline, the id of the copy kept on the device (`local-…`, shown as 待上传) until the network returns.
 */
export function AttachmentsField(p: FieldProps) {
  const { t } = useTranslation();
  const ctx = ctxOf(p);
  // rjsf fills an array with `minItems` with empty items: only stored ids count
  const ids = (Array.isArray(p.formData) ? p.formData : []).filter((x): x is string => typeof x === 'string' && x.length > 0);
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string>();
  const title = (p.schema.title as string | undefined) ?? p.name;
  const max = (p.schema.maxItems as number | undefined) ?? 9;
  const photo = (p.uiSchema?.['ui:options'] as { photo?: boolean } | undefined)?.photo === true;
  async function add(file: File) {
    if (!ctx.upload) return;
    setBusy(true); setErr(undefined);
    try {
      // the camera picker offers images, but a file chooser (or a renamed PDF) can get past it: judge the bytes, as the server will
      if (photo && !(await imageTypeOf(file))) { setErr(t('photo.notAnImage')); return; }
      const f = await ctx.upload(file, file.name || 'photo.jpg', p.name);
      rememberPreview(f.id, file);
      p.onChange([...ids, f.id], p.fieldPathId.path);
    } catch (e) {
      setErr((e as Error).message);
    } finally { setBusy(false); }
  }
  return (
    <fieldset style={{ border: 0, padding: 0, margin: '0 0 16px' }}>
      <legend style={{ fontSize: 14, marginBottom: 6 }}>{title}{p.required ? ' *' : ''}</legend>
      <Space wrap>
        {ids.map((id) => (
          <div key={id} style={{ textAlign: 'center' }}>
            {previewOf(id) ? <Image src={previewOf(id)} width={72} height={72} style={{ objectFit: 'cover' }} alt={t('widget.photo')} /> : <div style={{ width: 72, height: 72, background: '#f5f5f5', display: 'grid', placeItems: 'center' }}>{t('widget.photo')}</div>}
            {id.startsWith('local-') && <div><Tag data-testid="photo-pending" style={{ marginInlineEnd: 0, color: '#873800', background: '#fff7e6', borderColor: '#ffc069' }}>{t('photo.pending')}</Tag></div>}
            {!p.readonly && <Button size="small" type="link" onClick={() => p.onChange(ids.filter((x) => x !== id), p.fieldPathId.path)}>{t('action.remove')}</Button>}
          </div>
        ))}
        {!p.readonly && ids.length < max && (
          <Upload accept={photoTypes.join(',')} capture="environment" showUploadList={false} beforeUpload={(f) => { void add(f); return false; }}>
            <Button icon={<CameraOutlined />} loading={busy} data-testid="photo-button">{t('widget.takePhoto')}</Button>
          </Upload>
        )}
      </Space>
      {err && <div role="alert"><Typography.Text type="danger">{err}</Typography.Text></div>}
      {p.rawErrors?.map((e) => <div key={e}><Typography.Text type="danger">{e}</Typography.Text></div>)}
    </fieldset>
  );
}

/** Widgets by name (uiSchema `ui:widget`). */
export const widgets: RegistryWidgetsType = { idNumber: IdNumberWidget, mobile: MobileWidget, address: AddressWidget, signature: SignatureWidget,
  userPicker: UserPickerWidget, orgPicker: OrgPickerWidget, gridPicker: GridPickerWidget, consentPicker: ConsentPickerWidget };
/** Fields by name (uiSchema `ui:field`). */
export const fields: RegistryFieldsType = { location: LocationField, attachments: AttachmentsField };
