/**
 * 图上微调: a small map without tiles (the county's machines have no internet) for correcting a
 * position by hand — 400 m across around the point, a 50 m grid, north up. A click or tap moves the
 * point there; the arrow keys move it 10 m. Metres to degrees on a sphere (111,320 m a degree of
 * latitude), which at this scale is far below a phone's GPS error.
 */
import type { KeyboardEvent, MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';

const W = 280;
const H = 180;
/** pixels per metre: 280 px for 400 m */
const PX = W / 400;
const M_PER_DEG = 111_320;
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** The point moved `east` and `north` metres. */
export function movePoint(p: { lat: number; lng: number }, east: number, north: number): { lat: number; lng: number } {
  return { lat: round6(p.lat + north / M_PER_DEG), lng: round6(p.lng + east / (M_PER_DEG * Math.cos((p.lat * Math.PI) / 180))) };
}

/** The pad around `value`; `onMove` gets the corrected point. */
export function LocationPad({ value, onMove }: { value: { lat: number; lng: number }; onMove: (p: { lat: number; lng: number }) => void }) {
  const { t } = useTranslation();
  const click = (e: MouseEvent<SVGSVGElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const x = ((e.clientX - r.left) / r.width) * W;
    const y = ((e.clientY - r.top) / r.height) * H;
    onMove(movePoint(value, (x - W / 2) / PX, (H / 2 - y) / PX));
  };
  const key = (e: KeyboardEvent<SVGSVGElement>) => {
    const step = { ArrowUp: [0, 10], ArrowDown: [0, -10], ArrowLeft: [-10, 0], ArrowRight: [10, 0] }[e.key];
    if (!step) return;
    e.preventDefault();
    onMove(movePoint(value, step[0]!, step[1]!));
  };
  const lines = [];
  for (let m = -200; m <= 200; m += 50) lines.push(<line key={`v${m}`} x1={W / 2 + m * PX} x2={W / 2 + m * PX} y1={0} y2={H} stroke="#e6e6e6" />);
  for (let m = -100; m <= 100; m += 50) lines.push(<line key={`h${m}`} y1={H / 2 + m * PX} y2={H / 2 + m * PX} x1={0} x2={W} stroke="#e6e6e6" />);
  return (
    <div style={{ marginTop: 8 }}>
      <svg data-testid="location-pad" width="100%" viewBox={`0 0 ${W} ${H}`} style={{ maxWidth: W, display: 'block', background: '#fafafa', border: '1px solid #d9d9d9', borderRadius: 6, cursor: 'crosshair', touchAction: 'manipulation' }}
        role="application" tabIndex={0} aria-label={t('widget.pad')} onClick={click} onKeyDown={key}>
        {lines}
        <circle cx={W / 2} cy={H / 2} r={6} fill="#cf1322" stroke="#fff" strokeWidth={2} />
        <text x={W - 8} y={16} textAnchor="end" fontSize={12} fill="rgba(0,0,0,0.75)">{t('widget.north')} ↑</text>
        <line x1={8} x2={8 + 50 * PX} y1={H - 10} y2={H - 10} stroke="rgba(0,0,0,0.75)" strokeWidth={2} />
        <text x={8} y={H - 14} fontSize={11} fill="rgba(0,0,0,0.75)">50 m</text>
      </svg>
      <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.65)' }}>{t('widget.padHelp')}</div>
    </div>
  );
}
