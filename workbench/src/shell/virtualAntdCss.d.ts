/** See workbench/vite-plugins/antdCss.ts: true in the built app, whose static antd stylesheet this module brings. */
declare module 'virtual:tongban-antd-css' {
  export const zeroRuntime: boolean;
}
