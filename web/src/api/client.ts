import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type ErrorBody = Schemas['ErrorBody'];

/** A non-2xx answer, with the service's error JSON and, on a 429, how long to wait. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody | undefined,
    readonly retryAfterSeconds: number | undefined,
  ) {
    super(body?.message ?? `Request failed (${status})`);
  }

  get code(): string | undefined {
    return this.body?.code;
  }
}

/** Fired when the server stops accepting the session cookie (signed out elsewhere, deactivated, role changed). */
export const sessionEnded = new EventTarget();

const watchSession: Middleware = {
  onResponse({ request, response }) {
    if (response.status === 401 && !new URL(request.url).pathname.startsWith('/auth/session'))
      sessionEnded.dispatchEvent(new Event('ended'));
  },
};

/** The one client every screen uses: same-origin cookie session, types generated from the service's OpenAPI. */
export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });
api.use(watchSession);

/** The body of a 2xx answer (undefined for a 204), or an ApiError. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  const { response } = result;
  if (response.ok) return result.data as T;
  const retryAfter = Number(response.headers.get('retry-after'));
  throw new ApiError(
    response.status,
    result.error as ErrorBody | undefined,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  );
}

/** Human-readable lines for a failed request: each bad field of a 400, else the message. */
export function problemsOf(error: unknown): string[] {
  if (!(error instanceof ApiError))
    return [error instanceof Error ? `The service cannot be reached (${error.message}).` : 'Unknown error'];
  const details = error.body?.details;
  if (Array.isArray(details) && details.length)
    return details.map((d: { field: string; errors: string[] }) => `${d.field}: ${d.errors.join('; ')}`);
  return [error.message];
}
