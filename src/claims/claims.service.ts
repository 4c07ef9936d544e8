import { Injectable } from '@nestjs/common';
import { ArticleException } from '../articles/article.exception';
import { isUniqueViolation } from '../common/errors/pg-errors';
import { AppConfig } from '../config/app-config';
import { TransactionContext } from '../database/transaction-context';
import { ClaimExtractor, ExtractedSentence } from '../extraction/claim-extractor';
import { AuditService } from '../audit/audit.service';
import { ClaimStatus, PRE_REVIEW } from '../review/claim-lifecycle';
import { ReviewStateService } from '../review/review-state.service';
import { LockedClaim } from '../review/review-state.types';
import { Claim } from './claim.entity';
import { ClaimException } from './claim.exception';
import { ClaimSimilarityRepository } from './claim-similarity.repository';
import { assertSpan, locateSpan, normalizeClaimText, Span, SpanInput } from './claim-text';
import { ClaimInput, NewClaim, SimilarClaim } from './claim.types';
import { ClaimsRepository } from './claims.repository';

const SPAN_CONSTRAINT = 'claims_article_span_key';

@Injectable()
export class ClaimsService {
  constructor(
    private readonly claims: ClaimsRepository,
    private readonly similarities: ClaimSimilarityRepository,
    private readonly extractor: ClaimExtractor,
    private readonly config: AppConfig,
    private readonly tx: TransactionContext,
    private readonly audit: AuditService,
    private readonly reviewState: ReviewStateService,
  ) {}

  /**
   * Stores the extractor's claims of new articles (one, or an import batch) in the caller's transaction: one
   * statement inserts and routes them, one links them to similar claims elsewhere.
   */
  async addExtractedMany(
    items: { article: { id: string; body: string }; sentences: ExtractedSentence[] }[],
    createdBy: string,
  ): Promise<Claim[][]> {
    const rows: NewClaim[] = items.flatMap(({ article, sentences }) =>
      sentences
        .filter((s) => s.isClaim)
        .map((s) => {
          assertSpan(article.body, s);
          const { text, start, end, index: sentenceIndex, score, features, speaker } = s;
          return {
            articleId: article.id,
            text,
            start,
            end,
            sentenceIndex,
            score,
            features,
            speaker,
            origin: 'extracted' as const,
            status: ClaimStatus.Pending,
            normalizedText: normalizeClaimText(text),
            createdBy,
          };
        }),
    );
    const created = await this.claims.insertMany(rows);
    await this.similarities.linkSimilar(
      created.map((c) => c.id),
      this.config.similarityThreshold,
    );
    const byArticle = new Map<string, Claim[]>(items.map(({ article }) => [article.id, []]));
    for (const c of created) byArticle.get(c.articleId)!.push(c);
    return items.map(({ article }) => byArticle.get(article.id)!);
  }

  async get(id: string): Promise<Claim> {
    const claim = await this.claims.findById(id);
    if (!claim) throw new ClaimException('CLAIM_NOT_FOUND', `Claim ${id} not found`);
    return claim;
  }

  async listForArticle(articleId: string): Promise<Claim[]> {
    await this.requireArticleBody(articleId);
    return this.claims.findByArticle(articleId);
  }

  /** A claim the extractor missed: scored with the same scorer, so queues can rank it alongside. */
  createManual(articleId: string, input: ClaimInput, createdBy: string): Promise<Claim> {
    return this.mapDuplicate(articleId, input, () =>
      this.tx.run(async () => {
        const body = await this.requireArticleBody(articleId);
        const span = locateSpan(body, input);
        const { score, features, speaker } = this.scoreManual(body, span);
        const [claim] = await this.claims.insertMany([
          {
            articleId,
            ...span,
            sentenceIndex: null,
            score,
            features,
            speaker: input.speaker ?? speaker,
            origin: 'manual',
            status: ClaimStatus.Pending,
            normalizedText: normalizeClaimText(span.text),
            createdBy,
          },
        ]);
        await this.similarities.linkSimilar([claim.id], this.config.similarityThreshold);
        await this.audit.record({
          actorId: createdBy,
          action: 'claim.create',
          entity: 'claim',
          entityId: claim.id,
          after: { text: claim.text, start: claim.start, end: claim.end, origin: 'manual' },
        });
        return claim;
      }),
    );
  }

  async update(actorId: string, id: string, edit: ClaimInput): Promise<Claim> {
    const articleId = (await this.get(id)).articleId;
    return this.mapDuplicate(articleId, edit, () =>
      this.tx.run(async () => {
        await this.lockEditable(id);
        const claim = await this.get(id);
        const moves = edit.start !== undefined || edit.end !== undefined || edit.text !== undefined;
        const span = moves ? locateSpan(await this.requireArticleBody(claim.articleId), edit) : undefined;
        const patch = {
          ...(span && { ...span, normalizedText: normalizeClaimText(span.text) }),
          ...(edit.speaker !== undefined && { speaker: edit.speaker }),
        };
        if (Object.keys(patch).length) await this.claims.update(id, patch);
        if (span && span.text !== claim.text) {
          await this.similarities.unlink(id);
          await this.similarities.linkSimilar([id], this.config.similarityThreshold);
        }
        const updated = await this.get(id);
        const view = (c: Claim) => ({ text: c.text, start: c.start, end: c.end, speaker: c.speaker });
        await this.audit.record({
          actorId,
          action: 'claim.update',
          entity: 'claim',
          entityId: id,
          before: view(claim),
          after: view(updated),
        });
        return updated;
      }),
    );
  }

  /** Not check-worthy: kept for the record, out of every queue. Rejecting twice is a no-op (safe to retry). */
  reject(actorId: string, id: string, reason?: string): Promise<Claim> {
    return this.tx.run(async () => {
      const claim = await this.lockEditable(id);
      if (claim.status !== ClaimStatus.Rejected) await this.reviewState.reject(actorId, claim, reason);
      return this.get(id);
    });
  }

  async similar(id: string, settledOnly = false): Promise<SimilarClaim[]> {
    await this.get(id);
    return this.similarities.findSimilar(id, settledOnly);
  }

  /** Locks the claim (the review state's lock: no review step can start meanwhile); 409 once review has started. */
  private async lockEditable(id: string): Promise<LockedClaim> {
    const claim = await this.reviewState.lock(id);
    if (!claim) throw new ClaimException('CLAIM_NOT_FOUND', `Claim ${id} not found`);
    if (!PRE_REVIEW.includes(claim.status)) {
      throw new ClaimException('CLAIM_PAST_REVIEW', `Claim ${id} is ${claim.status}: review has started`, {
        status: claim.status,
      });
    }
    return claim;
  }

  /** Locks an article's claims for its deletion (through the review state, which owns claim row locks). */
  lockClaimsOfArticle(articleId: string): Promise<void> {
    return this.reviewState.lockArticleClaims(articleId);
  }

  private async requireArticleBody(articleId: string): Promise<string> {
    const body = await this.claims.findArticleBody(articleId);
    if (body === null) throw new ArticleException('ARTICLE_NOT_FOUND', `Article ${articleId} not found`);
    return body;
  }

  /** The text's own best sentence gives score and features; the speaker comes from the article's sentence around it. */
  private scoreManual(body: string, span: Span): Pick<Claim, 'score' | 'features' | 'speaker'> {
    const best = this.extractor
      .extract(span.text)
      .reduce<ExtractedSentence | undefined>((a, s) => (!a || s.score > a.score ? s : a), undefined);
    const around = this.extractor.extract(body).find((s) => s.start <= span.start && span.end <= s.end);
    return {
      score: best?.score ?? 1,
      features: best?.features ?? {},
      speaker: around?.speaker ?? best?.speaker ?? null,
    };
  }

  private async mapDuplicate(articleId: string, input: SpanInput, work: () => Promise<Claim>): Promise<Claim> {
    try {
      return await work();
    } catch (error) {
      if (!isUniqueViolation(error, SPAN_CONSTRAINT)) throw error;
      const body = await this.requireArticleBody(articleId);
      const span = locateSpan(body, input);
      const existing = await this.claims.findBySpan(articleId, span.start, span.end);
      throw new ClaimException('CLAIM_DUPLICATE', `A claim with span [${span.start}, ${span.end}) already exists`, {
        existingId: existing?.id,
      });
    }
  }
}
