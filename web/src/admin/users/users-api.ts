import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { Schemas } from '../../api/client';

export type User = Schemas['UserDto'];
export type Role = User['role'];
export const ROLES: Role[] = ['reviewer', 'editor', 'admin'];
export const PAGE_SIZE = 25;

export interface UserFilters {
  role?: Role;
  active?: boolean;
  search?: string;
}

const usersKey = ['admin-users'] as const;

/** One page of accounts matching the filters (the service filters and counts). */
export function useUsers(filters: UserFilters, page: number) {
  return useQuery({
    queryKey: [...usersKey, filters, page],
    queryFn: async () =>
      unwrap(
        await api.GET('/users', {
          params: { query: { ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** Accounts for a picker (queue members, audit actor): up to 200, narrowed by role and a search the service runs. */
export function useUserChoices(role?: Role, search?: string) {
  return useQuery({
    queryKey: [...usersKey, 'choices', role ?? 'any', search ?? ''],
    queryFn: async () =>
      unwrap(await api.GET('/users', { params: { query: { role, search: search || undefined, limit: 200 } } })),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export function useUser(id: string | undefined) {
  return useQuery({
    queryKey: [...usersKey, 'one', id],
    queryFn: async () => unwrap(await api.GET('/users/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
  });
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: Schemas['CreateUserDto']) => unwrap(await api.POST('/users', { body })),
    onSuccess: () => void client.invalidateQueries({ queryKey: usersKey }),
  });
}

export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, ...body }: Schemas['UpdateUserDto'] & { id: string }) =>
      unwrap(await api.PATCH('/users/{id}', { params: { path: { id } }, body })),
    onSuccess: () => void client.invalidateQueries({ queryKey: usersKey }),
  });
}

/** With no password the service generates one and answers it (200); a chosen one is answered 204. */
export function useResetPassword() {
  return useMutation({
    mutationFn: async ({ id, password }: { id: string; password?: string }) =>
      unwrap(
        await api.POST('/users/{id}/password', {
          params: { path: { id } },
          body: password === undefined ? {} : { password },
        }),
      ) as Schemas['GeneratedPasswordDto'] | undefined,
  });
}
