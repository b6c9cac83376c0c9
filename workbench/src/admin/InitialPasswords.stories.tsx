/** The initial passwords of an import of users: shown once with the warning and the download. */
import type { Meta, StoryObj } from '@storybook/react';
import { InitialPasswords } from './InitialPasswords.tsx';

const meta: Meta<typeof InitialPasswords> = { title: 'Admin/InitialPasswords', component: InitialPasswords };
export default meta;

export const TwoAccounts: StoryObj<typeof InitialPasswords> = {
  args: { items: [{ row: 2, username: 'wang.grid', password: 'TbaK7mQx2pRz5' }, { row: 3, username: 'li.officer', password: 'TbHn4sWc9dEt3' }] },
};
