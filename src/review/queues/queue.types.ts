import { Role } from '../../users/role';
import { Queue } from './queue.entity';

/** A queue's settings with its member ids: what the queue routes return and its audit rows record. */
export interface QueueSettings {
  id: string;
  slug: string;
  description: string;
  guidelines: string;
  pullRole: Queue['pullRole'];
  members: string[];
  minScore: number;
  sources: string[] | null;
  languages: string[] | null;
  verdictsRequired: number;
  leaseSeconds: number;
  active: boolean;
  routingOrder: number;
  routable: boolean;
}

/** Depth and age of a queue's open claims. */
export interface QueueStats {
  queueId: string;
  depth: number;
  inReview: number;
  oldestWaitingSeconds: number | null;
}

/** A queue the caller may pull from, with its depth and age and the caller's verdicts today. */
export interface QueueOverview extends QueueSettings, Omit<QueueStats, 'queueId'> {
  myVerdictsToday: number;
}

/** Every setting but the slug, each optional (a change); `null` only where the setting takes one. */
export interface QueueChange {
  description?: string;
  guidelines?: string;
  pullRole?: Role.Reviewer | Role.Editor;
  members?: string[];
  minScore?: number;
  sources?: string[] | null;
  languages?: string[] | null;
  verdictsRequired?: number;
  leaseSeconds?: number;
  active?: boolean;
  routingOrder?: number;
  routable?: boolean;
}

/** A new queue: its slug, the role that pulls, and any settings (the database has the defaults). */
export interface NewQueue extends QueueChange {
  slug: string;
  pullRole: Role.Reviewer | Role.Editor;
}

export function queueSettings(queue: Queue, members: string[]): QueueSettings {
  return {
    id: queue.id,
    slug: queue.slug,
    description: queue.description,
    guidelines: queue.guidelines,
    pullRole: queue.pullRole,
    members,
    minScore: queue.minScore,
    sources: queue.sources,
    languages: queue.languages,
    verdictsRequired: queue.verdictsRequired,
    leaseSeconds: queue.leaseSeconds,
    active: queue.active,
    routingOrder: queue.routingOrder,
    routable: queue.routable,
  };
}
