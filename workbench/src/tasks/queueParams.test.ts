import { describe, expect, it } from 'vitest';
import { queueQuery, tabOf } from './queueParams.ts';

describe('queueQuery', () => {
  it('turns the URL into the API query: tabs, SLA, due window, filters, sort', () => {
    const now = 1_700_000_000_000;
    expect(queueQuery(new URLSearchParams(''), now)).toEqual({ status: 'open', limit: 50 });
    expect(queueQuery(new URLSearchParams('tab=unclaimed&definitionId=grid-incident&sort=priority'), now)).toEqual({ status: 'open', limit: 50, assigned: 'unassigned', definitionId: 'grid-incident', sort: 'priority' });
    expect(queueQuery(new URLSearchParams('tab=overdue&sla=on-track'), now)).toMatchObject({ sla: 'overdue' }); // the tab wins over a stale filter
    expect(queueQuery(new URLSearchParams('due=3d&orgPath=/510722/510722100'), now)).toMatchObject({ dueBefore: now + 3 * 86_400_000, orgPath: '/510722/510722100' });
    expect(queueQuery(new URLSearchParams('sla=<script>&due=forever'), now)).toEqual({ status: 'open', limit: 50 });
  });

  it('falls back to the all tab for an unknown one', () => {
    expect(tabOf(new URLSearchParams('tab=mine'))).toBe('mine');
    expect(tabOf(new URLSearchParams('tab=__proto__'))).toBe('all');
  });
});
