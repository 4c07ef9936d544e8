import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { TransactionContext } from '../database/transaction-context';
import { ClaimStatus } from './claim-lifecycle';
import { Claim } from './claim.entity';
import { minhashBands } from './claim-minhash';

export type NewClaim = Pick<
  Claim,
  'articleId' | 'text' | 'start' | 'end' | 'sentenceIndex' | 'score' | 'features' | 'speaker' | 'origin' | 'status' | 'normalizedText' | 'createdBy'
>;

export type ClaimPatch = Partial<Pick<Claim, 'text' | 'start' | 'end' | 'normalizedText' | 'speaker' | 'status'>>;

@Injectable()
export class ClaimsRepository {
  constructor(private readonly tx: TransactionContext) {}

  private get claims() {
    return this.tx.manager.getRepository(Claim);
  }

  /**
   * One INSERT for all the claims (of one article or of a whole import batch), arrays in, so the statement text
   * is the same whatever the count. Ids are made here, so callers can link and route without reading them back.
   */
  async insertMany(rows: NewClaim[]): Promise<Claim[]> {
    if (!rows.length) return [];
    const claims = rows.map((row) => Object.assign(new Claim(), { id: randomUUID() }, row));
    const returned = await this.tx.prepared<{ id: string; created_at: Date; updated_at: Date }>(
      'claims_insert',
      `INSERT INTO claims (id, article_id, text, start, "end", sentence_index, score, features, speaker, origin, status, normalized_text, minhash_bands, created_by)
       SELECT id, article_id, text, start, "end", sentence_index, score, features::jsonb, speaker, origin, status, normalized_text, minhash_bands::integer[], created_by
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::integer[], $5::integer[], $6::integer[], $7::real[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::uuid[])
           AS v(id, article_id, text, start, "end", sentence_index, score, features, speaker, origin, status, normalized_text, minhash_bands, created_by)
       RETURNING id, created_at, updated_at`,
      [
        claims.map((c) => c.id), claims.map((c) => c.articleId), claims.map((c) => c.text), claims.map((c) => c.start), claims.map((c) => c.end),
        claims.map((c) => c.sentenceIndex), claims.map((c) => c.score), claims.map((c) => JSON.stringify(c.features)), claims.map((c) => c.speaker),
        claims.map((c) => c.origin), claims.map((c) => c.status), claims.map((c) => c.normalizedText),
        claims.map((c) => `{${minhashBands(c.normalizedText).join(',')}}`), claims.map((c) => c.createdBy),
      ],
    );
    const stamps = new Map(returned.map((r) => [r.id, r]));
    for (const c of claims) Object.assign(c, { createdAt: stamps.get(c.id)!.created_at, updatedAt: stamps.get(c.id)!.updated_at });
    return claims;
  }

  findById(id: string, lock = false): Promise<Claim | null> {
    const qb = this.claims.createQueryBuilder('c').where('c.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  findByArticle(articleId: string): Promise<Claim[]> {
    return this.claims.find({ where: { articleId }, order: { start: 'ASC', end: 'ASC' } });
  }

  findBySpan(articleId: string, start: number, end: number): Promise<Claim | null> {
    return this.claims.findOneBy({ articleId, start, end });
  }

  async update(id: string, patch: ClaimPatch): Promise<void> {
    await this.claims.update({ id }, patch);
    // Not an entity column (only linking reads it): kept in step with the text here.
    if (patch.normalizedText !== undefined) {
      await this.tx.manager.query(`UPDATE claims SET minhash_bands = $2::integer[] WHERE id = $1`, [id, minhashBands(patch.normalizedText)]);
    }
  }

  async setStatus(id: string, status: ClaimStatus): Promise<void> {
    await this.claims.update({ id }, { status });
  }

  /** The claim's article body, read in the caller's transaction (FOR SHARE: the body cannot change under a write). */
  async findArticleBody(articleId: string): Promise<string | null> {
    const rows: { body: string }[] = await this.tx.manager.query(`SELECT body FROM articles WHERE id = $1 FOR SHARE`, [articleId]);
    return rows[0]?.body ?? null;
  }
}
