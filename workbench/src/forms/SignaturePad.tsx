/**
 * 手写签名: a canvas pad for finger, pen or mouse. "确认签名" turns the drawing into a PNG, which the
 * caller stores as an attachment (its id is what the action sends as `signature`).
 */
import { useEffect, useRef, useState } from 'react';
import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';

/** The pad; `onSigned` receives the PNG when the signer confirms. */
export function SignaturePad({ onSigned, disabled, height = 160 }: { onSigned: (png: Blob) => void | Promise<void>; disabled?: boolean; height?: number }) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [drawn, setDrawn] = useState(false);
  const [busy, setBusy] = useState(false);
  const last = useRef<{ x: number; y: number } | null>(null);
  useEffect(() => {
    const c = canvas.current!;
    c.width = c.clientWidth * (window.devicePixelRatio || 1);
    c.height = height * (window.devicePixelRatio || 1);
    const ctx = c.getContext('2d');
    if (ctx) { ctx.scale(window.devicePixelRatio || 1, window.devicePixelRatio || 1); ctx.lineWidth = 2.5; ctx.lineCap = 'round'; ctx.strokeStyle = '#111'; }
  }, [height]);
  const at = (e: React.PointerEvent) => { const r = canvas.current!.getBoundingClientRect(); return { x: e.clientX - r.left, y: e.clientY - r.top }; };
  const down = (e: React.PointerEvent) => { if (disabled) return; canvas.current!.setPointerCapture(e.pointerId); last.current = at(e); };
  const move = (e: React.PointerEvent) => {
    if (!last.current) return;
    const ctx = canvas.current!.getContext('2d');
    const p = at(e);
    if (ctx) { ctx.beginPath(); ctx.moveTo(last.current.x, last.current.y); ctx.lineTo(p.x, p.y); ctx.stroke(); }
    last.current = p;
    setDrawn(true);
  };
  const clear = () => { const c = canvas.current!; c.getContext('2d')?.clearRect(0, 0, c.width, c.height); setDrawn(false); };
  const confirm = () => canvas.current!.toBlob(async (b) => { if (!b) return; setBusy(true); try { await onSigned(b); } finally { setBusy(false); } }, 'image/png');
  return (
    <div>
      <canvas ref={canvas} role="img" aria-label={t('signature.pad')} data-testid="signature-pad" onPointerDown={down} onPointerMove={move} onPointerUp={() => { last.current = null; }}
        style={{ width: '100%', height, border: '1px dashed #8c8c8c', borderRadius: 6, touchAction: 'none', background: '#fff' }} />
      <Space style={{ marginTop: 6 }}>
        <Button size="small" onClick={clear} disabled={!drawn || disabled}>{t('signature.clear')}</Button>
        <Button size="small" type="primary" onClick={confirm} disabled={!drawn || disabled} loading={busy}>{t('signature.confirm')}</Button>
      </Space>
    </div>
  );
}
