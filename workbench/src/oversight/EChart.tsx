/** An ECharts chart, loaded lazily (echarts is not in the initial bundle); clicks report the data item. */
import { useEffect, useRef } from 'react';

type Option = Record<string, unknown>;

/** Renders `option`; `onClick` gets the clicked item's index. */
export default function EChart({ option, height = 280, label, onClick }: { option: Option; height?: number; label: string; onClick?: (index: number) => void }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    type Chart = { dispose(): void; resize(): void; setOption(o: Option): void; on(e: string, f: (p: { dataIndex: number }) => void): void };
    let chart: Chart | undefined;
    let alive = true;
    const resize = () => chart?.resize();
    void import('echarts').then((echarts) => {
      if (!alive || !el.current) return;
      const c = echarts.init(el.current, undefined, { renderer: 'canvas' }) as unknown as Chart;
      chart = c;
      c.setOption(option);
      if (onClick) c.on('click', (p) => onClick(p.dataIndex));
      window.addEventListener('resize', resize);
    });
    return () => { alive = false; window.removeEventListener('resize', resize); chart?.dispose(); };
  }, [option, onClick]);
  return <div ref={el} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
