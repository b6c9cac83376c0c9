/** Installed adapters (issue 8: `GET /api/adapters`, each a public manifest); a runtime without it answers 404 and the designer falls back to the ids the item declares. */
import { useQuery } from '@tanstack/react-query';
import { apiJson, ApiError, type ShellApi } from '../shell/shellApi.ts';

type Localized = { 'zh-CN'?: string; en?: string } | string;
export interface OperationManifest { id: string; title?: Localized; input?: { properties?: Record<string, { title?: Localized; type?: string }>; required?: string[] } }
export interface AdapterManifest { id: string; title?: Localized; operations: OperationManifest[] }

export function useAdapters(api: ShellApi) {
  return useQuery({
    queryKey: ['designer', 'adapters'],
    queryFn: async (): Promise<AdapterManifest[] | null> => {
      try {
        const body = await apiJson<AdapterManifest[] | { items: AdapterManifest[] }>(api, '/api/adapters');
        return Array.isArray(body) ? body : body.items ?? [];
      } catch (e) {
        if (e instanceof ApiError && (e.status === 404 || e.status === 403)) return null; // not offered by this runtime
        throw e;
      }
    },
    staleTime: 60_000,
  });
}

export const text = (l: Localized | undefined, lang: 'zh-CN' | 'en', fallback: string): string => (typeof l === 'string' ? l : (lang === 'en' ? l?.en : l?.['zh-CN']) ?? l?.['zh-CN'] ?? fallback);
