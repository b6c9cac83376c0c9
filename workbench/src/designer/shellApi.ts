/**
 * The contract between the shell and the designer (`@tongban/designer`, mounted at /designer):
 * the designer declares the same shape on its side; no import between the two packages is needed.
 */

/** What the shell hands the designer to reach the API: fetch with the bearer token; a 401 sends the user to login. */
export interface ShellApi {
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

/** The designer's props. */
export interface DesignerProps {
  basePath: string;
  api: ShellApi;
  user: { id: string; name: string; roles: string[] };
  lang: 'zh-CN' | 'en';
}
