/**
 * Every action the audit trail records. Writers take an AuditAction, so a misspelt or unlisted action does not
 * compile; `GET /audit?action=` filters by these names (or a prefix such as `claim.`).
 */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.login_blocked',
  'auth.logout',
  'user.bootstrap_admin',
  'user.create',
  'user.update',
  'user.password_reset',
  'user.password_change',
  'article.create',
  'article.delete',
  'claim.create',
  'claim.update',
  'claim.reject',
  'claim.route',
  'claim.assign',
  'claim.lease',
  'claim.start_review',
  'claim.skip',
  'claim.requeue',
  'claim.consensus',
  'claim.escalate',
  'claim.resolve',
  'claim.reopen',
  'claim.reveal_reviewers',
  'verdict.submit',
  'queue.create',
  'queue.update',
  'export.download',
  'export.failed',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What an audit row is about (`entity`, with `entity_id`). */
export type AuditEntity = 'user' | 'article' | 'claim' | 'queue' | 'export';
