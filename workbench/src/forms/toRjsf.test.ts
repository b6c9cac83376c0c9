import { describe, expect, it } from 'vitest';
import { widgetOf } from './toRjsf.ts';

describe('widgetOf', () => {
  it('renders an attachment field of a designed item as the photo/attachment uploader', () => {
    const field = { type: 'array', 'x-widget': 'attachment', items: { type: 'string' } };
    expect(widgetOf(field, undefined)).toBe('attachments');
    expect(widgetOf({ type: 'array', items: { type: 'string' } }, { 'ui:widget': 'camera' })).toBe('attachments');
    expect(widgetOf({ type: 'array', items: { type: 'string' } }, undefined)).toBeUndefined();
  });
});
