import { AppConfig } from '../../config/app-config';
import { speakerKind } from '../../extraction/speaker-attribution';
import { ExportedClaim } from '../export.types';

export type ClaimReviewConfig = AppConfig['claimReview'];

/** Fields Google's fact-check markup requires, as paths into the item. */
const REQUIRED = [
  'url',
  'claimReviewed',
  'author.name',
  'reviewRating.name',
  'reviewRating.alternateName',
  'reviewRating.ratingValue',
  'itemReviewed.appearance.url',
];

/** The schema.org ClaimReview of one exported claim, or why none can be made (nothing half-valid is emitted). */
export function toClaimReview(
  claim: ExportedClaim,
  config: ClaimReviewConfig,
): { item: Record<string, unknown> } | { problems: string[] } {
  const rating = claim.finalLabel ? config.ratings.labels[claim.finalLabel] : undefined;
  const item = {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url: `${config.publicBaseUrl}/claims/${claim.claimId}`,
    claimReviewed: claim.text.trim(),
    datePublished: claim.finalizedAt ?? undefined,
    author: { '@type': 'Organization', name: config.orgName, url: config.orgUrl },
    itemReviewed: {
      '@type': 'Claim',
      author: claim.speaker ? { '@type': speakerKind(claim.speaker), name: claim.speaker } : undefined,
      datePublished: claim.article.publishedAt ?? undefined,
      appearance: { '@type': 'CreativeWork', url: claim.article.url ?? undefined, headline: claim.article.title },
    },
    reviewRating: {
      '@type': 'Rating',
      name: rating?.name,
      ratingValue: rating?.value,
      bestRating: config.ratings.best,
      worstRating: config.ratings.worst,
      alternateName: rating?.name,
    },
  };
  const problems = REQUIRED.filter((path) => !present(item, path)).map((path) => `${path} is missing`);
  if (!claim.finalLabel) problems.unshift(`claim is not final (status ${claim.status})`);
  else if (!rating) problems.unshift(`no rating configured for label "${claim.finalLabel}" (CLAIMREVIEW_RATINGS)`);
  return problems.length ? { problems } : { item };
}

function present(item: object, path: string): boolean {
  const value = path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], item);
  return value !== undefined && value !== null && value !== '';
}
