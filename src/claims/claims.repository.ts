import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../database/transaction-context';
import { ClaimStatus } from './claim-lifecycle';
import { Claim } from './claim.entity';

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

  /** One multi-row INSERT for all the claims; ids and timestamps are filled into the returned objects. */
  async insertMany(rows: NewClaim[]): Promise<Claim[]> {
    if (!rows.length) return [];
    const claims = rows.map((row) => Object.assign(new Claim(), row));
    await this.claims.insert(claims);
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
