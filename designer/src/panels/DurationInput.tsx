/** An ISO 8601 duration as a number and a unit (天/小时/分钟); other shapes are kept as typed. */
import { Input, InputNumber, Select, Space } from 'antd';

const re = /^P(?:(\d+)D|T(\d+)H|T(\d+)M)$/;

export function DurationInput({ value, onChange, lang, testId }: { value: string | undefined; onChange(v: string): void; lang: 'zh-CN' | 'en'; testId?: string }) {
  const m = value ? re.exec(value) : null;
  if (value && !m) return <Input size="small" data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)} style={{ width: 120 }} />;
  const [n, unit] = m ? (m[1] ? [Number(m[1]), 'D'] : m[2] ? [Number(m[2]), 'H'] : [Number(m[3]), 'M']) : [1, 'D'];
  const emit = (num: number, u: string) => onChange(u === 'D' ? `P${num}D` : `PT${num}${u}`);
  return (
    <Space.Compact size="small">
      <InputNumber data-testid={testId} min={0} value={n} onChange={(v) => emit(Number(v ?? 0), unit as string)} style={{ width: 70 }} />
      <Select value={unit} onChange={(u) => emit(n as number, u)} style={{ width: 80 }} options={[{ value: 'D', label: lang === 'en' ? 'days' : '天' }, { value: 'H', label: lang === 'en' ? 'hours' : '小时' }, { value: 'M', label: lang === 'en' ? 'minutes' : '分钟' }]} />
    </Space.Compact>
  );
}
