import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { TransactionContext } from '../database/transaction-context';
import { insertAuditRows, sqlAuditAction } from '../audit/audit-sql';
import { MATCHING_QUEUE } from '../review/routing/matching-queue.sql';
import { ClaimStatus, sqlFrom, sqlTo } from '../review/claim-lifecycle';
import { Claim } from './claim.entity';
import { minhashBands } from './claim-minhash';
import { ClaimPatch, NewClaim } from './claim.types';

/** Records the distinct new texts of `source` (normalized_text, minhash_bands as int[] text) with their bands. */
const INSERT_TEXTS = (source: string) => `INSERT INTO claim_texts (text_md5, normalized_text, minhash_bands)
         SELECT DISTINCT ON (md5(normalized_text)) md5(normalized_text)::uuid, normalized_text, minhash_bands::integer[]
           FROM ${source} WHERE normalized_text <> ''
           ORDER BY md5(normalized_text) -- concurrent writers of the same new texts take their locks in one order
         ON CONFLICT (text_md5) DO NOTHING`;

@Injectable()
export class ClaimsRepository {
  constructor(private readonly tx: TransactionContext) {}

  private get claims() {
    return this.tx.manager.getRepository(Claim);
  }

  /**
   * One INSERT for all the claims (of one article or of a whole import batch), arrays in, so the statement text
   * is the same whatever the count. Ids are made here, so callers can link them without reading them back.
   * Pending claims are routed as they are inserted: each goes to the first matching queue (MATCHING_QUEUE) as
   * `queued`, with its `claim.route` audit row, in the same statement. Routing afterwards wrote every claim row
   * twice (and all its index entries); this writes it once.
   */
  async insertMany(rows: NewClaim[]): Promise<Claim[]> {
    if (!rows.length) return [];
    const claims = rows.map((row) => Object.assign(new Claim(), { id: randomUUID() }, row));
    await this.tx.preferIndexScans(); // the routing join reads articles while that table may still be small
    const returned = await this.tx.prepared<{ id: string; status: ClaimStatus; created_at: Date; updated_at: Date }>(
      'claims_insert',
      `WITH c AS (
         SELECT v.*, v.status IN ${sqlFrom('route')} AS routable
           FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::integer[], $5::integer[], $6::integer[], $7::real[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::uuid[])
             AS v(id, article_id, text, start, "end", sentence_index, score, features, speaker, origin, status, normalized_text, minhash_bands, created_by)
       ), routed AS (
         SELECT c.*, CASE WHEN c.routable THEN ${MATCHING_QUEUE} END AS queue_id FROM c JOIN articles a ON a.id = c.article_id
       ), inserted AS (
         INSERT INTO claims (id, article_id, text, start, "end", sentence_index, score, features, speaker, origin, status, normalized_text, created_by, queue_id, queued_at)
         SELECT id, article_id, text, start, "end", sentence_index, score, features::jsonb, speaker, origin,
                CASE WHEN queue_id IS NULL THEN status ELSE ${sqlTo('route')} END, normalized_text, created_by,
                queue_id, CASE WHEN queue_id IS NULL THEN NULL ELSE now() END
           FROM routed
         RETURNING id, status, queue_id, created_by, created_at, updated_at
       ), texts AS (
         ${INSERT_TEXTS('c')}
       ), audited AS (
         ${insertAuditRows(`SELECT i.created_by, ${sqlAuditAction('claim.route')}, 'claim', i.id::text,
                jsonb_build_object('status', c.status, 'queueId', NULL), jsonb_build_object('status', i.status, 'queueId', i.queue_id)
           FROM inserted i JOIN c ON c.id = i.id WHERE i.queue_id IS NOT NULL`)}
       )
       SELECT id, status, created_at, updated_at FROM inserted`,
      [
        claims.map((c) => c.id),
        claims.map((c) => c.articleId),
        claims.map((c) => c.text),
        claims.map((c) => c.start),
        claims.map((c) => c.end),
        claims.map((c) => c.sentenceIndex),
        claims.map((c) => c.score),
        claims.map((c) => JSON.stringify(c.features)),
        claims.map((c) => c.speaker),
        claims.map((c) => c.origin),
        claims.map((c) => c.status),
        claims.map((c) => c.normalizedText),
        claims.map((c) => `{${minhashBands(c.normalizedText).join(',')}}`),
        claims.map((c) => c.createdBy),
      ],
    );
    const stored = new Map(returned.map((r) => [r.id, r]));
    for (const c of claims) {
      const r = stored.get(c.id)!;
      Object.assign(c, { status: r.status, createdAt: r.created_at, updatedAt: r.updated_at });
    }
    return claims;
  }

  findById(id: string): Promise<Claim | null> {
    return this.claims.findOneBy({ id });
  }

  findByArticle(articleId: string): Promise<Claim[]> {
    return this.claims.find({ where: { articleId }, order: { start: 'ASC', end: 'ASC' } });
  }

  findBySpan(articleId: string, start: number, end: number): Promise<Claim | null> {
    return this.claims.findOneBy({ articleId, start, end });
  }

  async update(id: string, patch: ClaimPatch): Promise<void> {
    await this.claims.update({ id }, patch);
    // The new text's bands, for linking (claim_texts is not an entity: only linking reads it).
    if (patch.normalizedText !== undefined) {
      await this.tx.manager.query(
        `WITH t AS (SELECT $1::text AS normalized_text, $2::text AS minhash_bands) ${INSERT_TEXTS('t')}`,
        [patch.normalizedText, `{${minhashBands(patch.normalizedText).join(',')}}`],
      );
    }
  }

  /** The claim's article body, read in the caller's transaction (FOR SHARE: the body cannot change under a write). */
  async findArticleBody(articleId: string): Promise<string | null> {
    const rows: { body: string }[] = await this.tx.manager.query(`SELECT body FROM articles WHERE id = $1 FOR SHARE`, [
      articleId,
    ]);
    return rows[0]?.body ?? null;
  }
}
