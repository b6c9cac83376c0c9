/**
 * The workbench's antd theme, in one place for the app and for the build: the production build
 * writes antd's styles for exactly this theme into a static stylesheet (workbench/vite-plugins/antdCss.ts)
 * and the app then runs antd in zero-runtime mode, so no style is computed or injected while a
 * screen first renders (that was about 190 ms of a cold case page). Colours are darker than antd's
 * defaults for WCAG AA contrast. A fixed CSS-variable key and no hashed class names make the
 * static sheet's selectors match the classes the components render.
 */
export const themeTokens = {
  colorPrimary: '#0958d9', colorLink: '#0958d9', colorLinkHover: '#003eb3', colorPrimaryHover: '#003eb3', colorPrimaryActive: '#002c8c', colorPrimaryTextHover: '#003eb3',
  colorTextDisabled: 'rgba(0,0,0,0.56)', colorTextQuaternary: 'rgba(0,0,0,0.56)', colorSuccess: '#237804', colorWarning: '#ad4e00', colorError: '#cf1322',
  colorTextDescription: 'rgba(0,0,0,0.65)', colorTextTertiary: 'rgba(0,0,0,0.62)', colorTextPlaceholder: 'rgba(0,0,0,0.55)',
};

/** The ConfigProvider theme; `zeroRuntime` only where the static sheet is loaded (the built app). */
export function workbenchTheme(zeroRuntime: boolean) {
  return { token: themeTokens, cssVar: { key: 'tongban' }, hashed: false, zeroRuntime };
}
