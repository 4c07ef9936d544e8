/**
 * The queues the review flow names itself (seeded by migrations). Kept out of queue.entity.ts so other modules'
 * SQL (stats) can use them without importing review's entity.
 */
export const ADJUDICATION_QUEUE = 'adjudication';
export const DEFAULT_QUEUE = 'default';
