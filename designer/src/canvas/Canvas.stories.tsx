/** Stories of Canvas, rendered inside the designer's providers with the fixture API. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { Canvas } from './Canvas.tsx';
import { StoryEditor } from '../testing/StoryEditor.tsx';
import { serviceItems } from '@tongban/definitions/service-items';
import type { Definition } from '@tongban/engine';
import { hundredStates } from '../bench/hundredStates.ts';

const meta: Meta<typeof Canvas> = { title: '设计器/Canvas', component: Canvas };
export default meta;
type Story = StoryObj<typeof Canvas>;

export const Flow: Story = { render: () => <StoryEditor><div style={{ height: 600 }}><Canvas /></div></StoryEditor> };
export const GridIncident: Story = { render: () => <StoryEditor definition={serviceItems["grid-incident"] as Definition}><div style={{ height: 600 }}><Canvas /></div></StoryEditor> };
export const HundredStates: Story = { render: () => <StoryEditor definition={hundredStates()}><div style={{ height: 600 }}><Canvas /></div></StoryEditor> };
