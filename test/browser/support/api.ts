export const ADMIN = { email: 'admin@browser-test.example', password: 'admin-password-browser-1' };

export type Role = 'admin' | 'editor' | 'reviewer';
export interface SeededUser {
  id: string;
  email: string;
  password: string;
  role: Role;
  token: string;
}

let counter = 0;
export const unique = (prefix: string): string =>
  `${prefix}-${process.pid}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

export function baseUrl(): string {
  const url = process.env.WORKBENCH_URL;
  if (!url)
    throw new Error(
      'WORKBENCH_URL is not set: run the suite through playwright.config.ts (its globalSetup starts the service)',
    );
  return url;
}

/** A JSON call to the real API with a bearer token, as a script or another client would make it (seeding, checks). */
export async function call<T = unknown>(
  method: string,
  path: string,
  token: string | undefined,
  body?: unknown,
  expected?: number,
): Promise<T> {
  const response = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const ok = expected === undefined ? response.ok : response.status === expected;
  if (!ok) throw new Error(`${method} ${path}: expected ${expected ?? '2xx'}, got ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function login(email: string, password: string): Promise<string> {
  return (await call<{ accessToken: string }>('POST', '/auth/login', undefined, { email, password })).accessToken;
}

export const adminToken = (): Promise<string> => login(ADMIN.email, ADMIN.password);

export async function createUser(role: Role, displayName?: string): Promise<SeededUser> {
  const email = `${unique(role)}@browser-test.example`;
  const password = `pw-${unique('secret')}`;
  const user = await call<{ id: string }>(
    'POST',
    '/users',
    await adminToken(),
    { email, displayName: displayName ?? `${role} ${counter}`, role, password },
    201,
  );
  return { id: user.id, email, password, role, token: await login(email, password) };
}

export async function createQueue(overrides: Record<string, unknown> = {}): Promise<string> {
  const slug = unique('q')
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .slice(0, 60);
  const created = await call<{ slug: string }>(
    'POST',
    '/queues',
    await adminToken(),
    { slug, pullRole: 'reviewer', routable: false, verdictsRequired: 1, ...overrides },
    201,
  );
  return created.slug;
}

export interface SeededClaim {
  id: string;
  text: string;
  articleId: string;
}

/**
 * One article whose given sentences are claims waiting in queue `slug`: created and extracted through the API,
 * a claim added by hand where extraction passed a sentence over, then routed into the queue.
 */
export async function seedArticle(
  slug: string,
  sentences: string[],
  extra: { title?: string; url?: string } = {},
): Promise<SeededClaim[]> {
  const token = await adminToken();
  const body = ['Reporting from the capital.', ...sentences, 'More updates will follow.'].join('\n\n');
  const article = await call<{ id: string }>(
    'POST',
    '/articles',
    token,
    {
      title: extra.title ?? `Briefing ${unique('a')}`,
      body,
      source: 'The Daily Example',
      url: extra.url ?? `https://news.example.com/${unique('story')}`,
      publishedAt: '2026-11-30T09:00:00Z',
    },
    201,
  );
  type Claim = { id: string; text: string; status: string };
  let claims = await call<Claim[]>('GET', `/articles/${article.id}/claims`, token);
  for (const sentence of sentences) {
    if (!claims.some((c) => c.text === sentence))
      await call('POST', `/articles/${article.id}/claims`, token, { text: sentence }, 201);
  }
  claims = await call<Claim[]>('GET', `/articles/${article.id}/claims`, token);
  const wanted = claims.filter((c) => sentences.includes(c.text));
  // Claims the test did not ask for stay out of the queue: reject them.
  for (const c of claims.filter((c) => !sentences.includes(c.text)))
    await call('POST', `/claims/${c.id}/reject`, token, {});
  for (const status of ['pending', 'queued'])
    await call('POST', `/queues/${slug}/route`, token, { filter: { articleId: article.id, status } });
  const routed = await call<Claim[]>('GET', `/articles/${article.id}/claims`, token);
  const queued = routed.filter((c) => wanted.some((w) => w.id === c.id) && c.status === 'queued');
  if (queued.length !== sentences.length)
    throw new Error(`${queued.length} of ${sentences.length} claims were routed into ${slug}`);
  return sentences.map((text) => ({ id: wanted.find((c) => c.text === text)!.id, text, articleId: article.id }));
}

export const sentences = (n: number, topic = 'bridges'): string[] =>
  Array.from(
    { length: n },
    (_, i) =>
      `The transport ministry said ${i + 12} ${topic} were repaired in region ${unique('r').slice(-4)} in 2024.`,
  );
