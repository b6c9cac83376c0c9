/** Story defaults: full-width layout; every story wraps itself in StoryEditor (antd zh-CN, react-query, an open draft). */
import type { Preview } from '@storybook/react-vite';

const preview: Preview = { parameters: { layout: 'fullscreen' } };
export default preview;
