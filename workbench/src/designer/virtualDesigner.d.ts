/** The designer package or its placeholder, chosen at build time (vite.config.ts). */
declare module 'virtual:tongban-designer' {
  const Designer: import('react').ComponentType<import('./shellApi.ts').DesignerProps>;
  export default Designer;
}
