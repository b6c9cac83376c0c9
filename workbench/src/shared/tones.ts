/** Tag colours with at least 4.5:1 text contrast (WCAG AA); antd's preset tag colours are lighter. */
export const tones = {
  ok: { color: '#135200', background: '#f6ffed', borderColor: '#95de64' },
  warn: { color: '#874d00', background: '#fffbe6', borderColor: '#ffd666' },
  bad: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
  info: { color: '#003eb3', background: '#e6f4ff', borderColor: '#91caff' },
  neutral: { color: 'rgba(0,0,0,0.75)', background: '#fafafa', borderColor: '#d9d9d9' },
} as const;
