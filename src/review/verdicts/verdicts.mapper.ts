import { toArticleUnderReviewDto } from '../claim-review.mapper';
import { mapPage, Page } from '../../common/http/page.dto';
import {
  AdjudicationCaseDto,
  ClaimOutcomeDto,
  EvidenceSourceDto,
  MyVerdictDto,
  MyVerdictsPageDto,
  SubmittedVerdictDto,
  VerdictDto,
} from './dtos/verdict.dto';
import { AdjudicationCase, ClaimOutcome, EvidenceSource, MyVerdict, SubmittedVerdict, Verdict } from './verdict.types';

export function toEvidenceSourceDto(s: EvidenceSource): EvidenceSourceDto {
  return { url: s.url, title: s.title, quote: s.quote };
}

export function toVerdictDto(v: Verdict): VerdictDto {
  return {
    id: v.id,
    claimId: v.claimId,
    assignmentId: v.assignmentId,
    reviewerId: v.reviewerId,
    round: v.round,
    label: v.label,
    rationale: v.rationale,
    sources: v.sources.map(toEvidenceSourceDto),
    confidence: v.confidence,
    createdAt: v.createdAt,
  };
}

export function toSubmittedVerdictDto(v: SubmittedVerdict): SubmittedVerdictDto {
  return { ...toVerdictDto(v), claimStatus: v.claimStatus };
}

function toMyVerdictDto(v: MyVerdict): MyVerdictDto {
  return {
    ...toVerdictDto(v),
    claimText: v.claimText,
    articleId: v.articleId,
    articleTitle: v.articleTitle,
    queue: v.queue,
    finalLabel: v.finalLabel,
  };
}

export function toMyVerdictsPageDto(page: Page<MyVerdict>): MyVerdictsPageDto {
  return mapPage(page, toMyVerdictDto);
}

export function toClaimOutcomeDto(o: ClaimOutcome): ClaimOutcomeDto {
  return { id: o.id, status: o.status, round: o.round };
}

export function toAdjudicationCaseDto(c: AdjudicationCase): AdjudicationCaseDto {
  const { claim, article } = c;
  return {
    claim: {
      id: claim.id,
      text: claim.text,
      start: claim.start,
      end: claim.end,
      speaker: claim.speaker,
      status: claim.status,
      round: claim.round,
      finalLabel: claim.finalLabel,
      settledBy: claim.settledBy,
      resolutionRationale: claim.resolutionRationale,
      adjudicatorId: claim.adjudicatorId,
      finalizedAt: claim.finalizedAt,
    },
    article: toArticleUnderReviewDto(article),
    revealed: c.revealed,
    verdicts: c.verdicts.map((v) => ({
      reviewer: v.reviewer,
      reviewerId: v.reviewerId,
      reviewerName: v.reviewerName,
      label: v.label,
      rationale: v.rationale,
      sources: v.sources.map(toEvidenceSourceDto),
      confidence: v.confidence,
      createdAt: v.createdAt,
    })),
  };
}
