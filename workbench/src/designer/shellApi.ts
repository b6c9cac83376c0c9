/**
 * The contract between the shell and the designer (`@tongban/designer`, mounted at /designer):
 * the designer declares the same shape on its side; no import between the two packages is needed.
 */
import type { ComponentType } from 'react';
import type { Definition } from '@tongban/engine';

/** What the shell hands the designer to reach the API: fetch with the bearer token; a 401 sends the user to login. */
export interface ShellApi {
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

/** One form (or one step of it) of a definition for the designer's preview, with fields hidden by their conditions. */
export interface PreviewFormProps {
  def: Definition; formId: string; step?: string; hidden: string[]; lang: 'zh-CN' | 'en';
  data: Record<string, unknown>; onChange(data: Record<string, unknown>): void;
}

/** The designer's props; `previewForm` renders its form preview as the workbench's own form. */
export interface DesignerProps {
  basePath: string;
  api: ShellApi;
  user: { id: string; name: string; roles: string[] };
  lang: 'zh-CN' | 'en';
  previewForm?: ComponentType<PreviewFormProps>;
}
