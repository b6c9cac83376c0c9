/** A user's OIDC identity links (no server in a story: the list shows its error state and the add form). */
import type { Meta, StoryObj } from '@storybook/react';
import { IdentityLinks } from './IdentityLinks.tsx';

const meta: Meta<typeof IdentityLinks> = { title: 'Admin/IdentityLinks', component: IdentityLinks };
export default meta;

export const OfAGridWorker: StoryObj<typeof IdentityLinks> = { args: { userId: 'u-grid1' } };
