/** Every story renders inside the app's providers (antd zh-CN, dayjs, query cache) and a memory router. */
import type { Preview } from '@storybook/react';
import { MemoryRouter } from 'react-router';
import { UiProviders } from '../src/shell/AppProviders.tsx';

const preview: Preview = {
  decorators: [(Story) => <MemoryRouter><UiProviders><Story /></UiProviders></MemoryRouter>],
};
export default preview;
