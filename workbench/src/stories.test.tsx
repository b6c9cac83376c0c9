// @vitest-environment happy-dom
/**
 * Smoke test of every Storybook story (portable stories): each renders inside the preview's
 * providers without throwing and shows something. Runs in `npm test`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { composeStories, setProjectAnnotations } from '@storybook/react';
import preview from '../.storybook/preview.tsx';

setProjectAnnotations(preview);
Object.defineProperty(window, 'matchMedia', { writable: true, value: (q: string) => ({ matches: false, media: q, onchange: null, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false }) });
HTMLCanvasElement.prototype.getContext = (() => null) as never;
// no server in a smoke test: every request answers 503 at once (stories show their error or placeholder state)
globalThis.fetch = (async () => new Response(JSON.stringify({ error: { code: 'internal', message: 'no server', details: {} } }), { status: 503, headers: { 'content-type': 'application/json' } })) as typeof fetch;
afterEach(cleanup);

const modules = import.meta.glob<Record<string, unknown>>('./**/*.stories.tsx', { eager: true });

describe('storybook stories', () => {
  it('finds the stories of the shared components and form widgets', () => {
    expect(Object.keys(modules).length).toBeGreaterThanOrEqual(5);
  });
  for (const [file, mod] of Object.entries(modules)) {
    for (const [name, Story] of Object.entries(composeStories(mod as never)) as Array<[string, React.ComponentType]>) {
      it(`${file} › ${name} renders`, async () => {
        const { container } = render(<Story />);
        await new Promise((r) => setTimeout(r, 0));
        expect(container.textContent?.length || container.querySelector('canvas,input,svg')).toBeTruthy();
      });
    }
  }
});
