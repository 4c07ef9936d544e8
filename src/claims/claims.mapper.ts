import { Claim } from './claim.entity';
import { SimilarClaim } from './claim.types';
import { ClaimDto, SimilarClaimDto } from './dtos/claim.dto';

export function toClaimDto(claim: Claim): ClaimDto {
  // Claims built in memory at ingestion carry no review fields yet: a new claim is in round 1, unsettled.
  return {
    id: claim.id,
    articleId: claim.articleId,
    text: claim.text,
    start: claim.start,
    end: claim.end,
    sentenceIndex: claim.sentenceIndex,
    score: claim.score,
    features: claim.features,
    speaker: claim.speaker,
    origin: claim.origin,
    status: claim.status,
    round: claim.round ?? 1,
    finalLabel: claim.finalLabel ?? null,
    settledBy: claim.resolutionSource ?? null,
    finalizedAt: claim.finalizedAt ?? null,
    createdBy: claim.createdBy,
    createdAt: claim.createdAt,
    updatedAt: claim.updatedAt,
  };
}

export function toSimilarClaimDto(c: SimilarClaim): SimilarClaimDto {
  return {
    id: c.id,
    articleId: c.articleId,
    text: c.text,
    status: c.status,
    similarity: c.similarity,
    finalLabel: c.finalLabel,
    finalizedAt: c.finalizedAt,
    articleTitle: c.articleTitle,
    articleUrl: c.articleUrl,
  };
}
