/**
 * @tongban/designer — the designer of service items (issue 11). The workbench shell lazily imports
 * this package at /designer/* and renders the default export, `DesignerApp`, with the props below.
 * It uses the engine's pure parts in the browser (load, lint, compile, simulate, calendar,
 * assignment) and the runtime only over HTTP through the shell's `api`.
 */
export { default } from './DesignerApp.tsx';
export type { DesignerAppProps, ShellApi, ShellUser } from './shell/shellApi.ts';
