import { describe, expect, it } from 'vitest';
import { actorLabel } from './actorLabel.ts';

const t = (k: string) => ({ 'actor.system': '系统', 'actor.external': '外部系统', 'actor.device': '设备' } as Record<string, string>)[k] ?? k;

describe('actor label', () => {
  it('names the runtime’s own actors by what they are, a person by the server’s name, else the id', () => {
    expect(actorLabel(t, 'system', null)).toBe('系统');
    expect(actorLabel(t, 'external', null)).toBe('外部系统');
    expect(actorLabel(t, 'device', null)).toBe('设备');
    expect(actorLabel(t, 'u-1', '孙倩')).toBe('孙倩');
    expect(actorLabel(t, 'u-gone', null)).toBe('u-gone');
    expect(actorLabel(t, null, null)).toBe('—');
  });
});
