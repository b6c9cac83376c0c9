/**
 * Every story of the designer on one page, for the smoke test in `npm test` (real Chromium, no
 * Storybook server): `?story=<file>:<name>` renders one story through Storybook's portable-story
 * API (composeStories, with the project's preview annotations); without it the page lists the ids.
 */
import { Component, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { composeStories, setProjectAnnotations } from '@storybook/react';
import preview from '../.storybook/preview.tsx';

setProjectAnnotations(preview);
const modules = import.meta.glob('../src/**/*.stories.tsx', { eager: true }) as Record<string, Parameters<typeof composeStories>[0]>;
const stories = new Map<string, () => ReactNode>();
for (const [file, mod] of Object.entries(modules)) {
  for (const [name, story] of Object.entries(composeStories(mod))) {
    const Story = story as unknown as () => ReactNode;
    stories.set(`${file.replace('../src/', '')}:${name}`, () => <Story />);
  }
}
(window as unknown as { __stories: string[] }).__stories = [...stories.keys()];

class Boundary extends Component<{ children: ReactNode }, { error?: string }> {
  override state: { error?: string } = {};
  static getDerivedStateFromError(e: Error) { return { error: e.message }; }
  override render() { return this.state.error ? <pre data-story-error>{this.state.error}</pre> : this.props.children; }
}

const id = new URLSearchParams(location.search).get('story');
const render = id ? stories.get(id) : undefined;
createRoot(document.getElementById('root')!).render(
  render ? <Boundary><div data-story={id}>{render()}</div></Boundary> : <ul data-story-list>{[...stories.keys()].map((k) => <li key={k}>{k}</li>)}</ul>,
);
