/** Names the screens show beside ids: org units in the user's scope and the service items' titles (cached). */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client.ts';

/** Query keys of the shared lookups. */
export const lookupKeys = { orgs: () => ['org-units'] as const, definitions: () => ['definitions'] as const };

/** The org units in scope, with a path → name map. */
export function useOrgUnits() {
  return useQuery({
    queryKey: lookupKeys.orgs(), staleTime: 600_000,
    queryFn: async () => {
      const { items } = await unwrap(api.GET('/api/org-units'));
      return { items, names: new Map(items.map((o) => [o.path, o.name])) };
    },
  });
}

/** The service items, with an id → title map. */
export function useDefinitions() {
  return useQuery({
    queryKey: lookupKeys.definitions(), staleTime: 600_000,
    queryFn: async () => {
      const { items } = await unwrap(api.GET('/api/definitions'));
      return { items, titles: new Map(items.map((d) => [d.id, d.title])) };
    },
  });
}
