/**
 * The first active routable queue whose filter matches claim `c` (its `score`) of article `a`: the routing rule,
 * shared by the claims' insert (new claims are routed by the statement that stores them) and by reopening.
 */
export const MATCHING_QUEUE = `(SELECT q.id FROM queues q
   WHERE q.active AND q.routable AND c.score >= q.min_score
     AND (q.sources IS NULL OR a.source = ANY (q.sources))
     AND (q.languages IS NULL OR a.language = ANY (q.languages))
   ORDER BY q.routing_order, q.slug LIMIT 1)`;
