/**
 * The queues the review flow names itself (seeded by migrations). Kept out of queue.entity.ts so other modules'
 * SQL (stats) can use them without importing review's entity.
 */
export const ADJUDICATION_QUEUE = 'adjudication';
export const DEFAULT_QUEUE = 'default';

/**
 * Claims reach the adjudication queue only when their reviewers disagree (escalation): it is never a routing
 * target, by hand or automatically, or its editors would get claims no reviewer has judged.
 */
export const takesEscalationsOnly = (slug: string): boolean => slug === ADJUDICATION_QUEUE;
