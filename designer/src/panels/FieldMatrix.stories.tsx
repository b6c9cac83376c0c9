/** Stories of FieldMatrix, rendered inside the designer's providers with the fixture API. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { FieldMatrix } from './FieldMatrix.tsx';
import { StoryEditor } from '../testing/StoryEditor.tsx';

const meta: Meta<typeof FieldMatrix> = { title: '设计器/FieldMatrix', component: FieldMatrix };
export default meta;
type Story = StoryObj<typeof FieldMatrix>;

export const Grid: Story = { render: () => <StoryEditor><FieldMatrix /></StoryEditor> };
