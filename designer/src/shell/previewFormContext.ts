/** The shell's form renderer (the workbench's form), for the form preview; undefined when the shell gives none. */
import { createContext, type ComponentType } from 'react';
import type { PreviewFormProps } from './shellApi.ts';

export const PreviewFormContext = createContext<ComponentType<PreviewFormProps> | undefined>(undefined);
