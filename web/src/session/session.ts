import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, unwrap } from '../api/client';
import type { Schemas } from '../api/client';

export type CurrentUser = Schemas['UserDto'];
const ME = ['me'] as const;

/** The signed-in user; `null` when there is no session (401). */
export function useCurrentUser() {
  return useQuery({
    queryKey: ME,
    queryFn: async (): Promise<CurrentUser | null> => {
      try {
        return unwrap(await api.GET('/auth/me'));
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: Infinity,
    // While signed in the session is asked after now and then and on return to the tab, so a page whose account was
    // deactivated (or whose role changed) signs out within seconds even when it makes no other request (a 401 here
    // fires sessionEnded like any other).
    refetchInterval: (query) => (query.state.data ? SESSION_CHECK_MS : false),
    refetchOnWindowFocus: (query) => (query.state.data ? 'always' : false),
  });
}

const SESSION_CHECK_MS = 10_000;

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (credentials: { email: string; password: string }) =>
      unwrap(await api.POST('/auth/session', { body: credentials })),
    onSuccess: (session) => {
      client.clear();
      client.setQueryData(ME, session.user);
    },
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await api.DELETE('/auth/session')),
    onSettled: () => forgetSession(client),
  });
}

/** Drops every cached answer of the old session and marks it signed out. */
export function forgetSession(client: ReturnType<typeof useQueryClient>): void {
  client.clear();
  client.setQueryData(ME, null);
}

export const isEditor = (user: CurrentUser): boolean => user.role === 'editor' || user.role === 'admin';
export const isAdmin = (user: CurrentUser): boolean => user.role === 'admin';
