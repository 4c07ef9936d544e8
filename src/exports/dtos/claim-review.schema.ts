import type { SchemaObject } from '@nestjs/swagger';

const thing = (type: string, properties: Record<string, SchemaObject>, required: string[] = []): SchemaObject => ({
  type: 'object',
  required: ['@type', ...required],
  properties: { '@type': { type: 'string', enum: [type] }, ...properties },
});

const organizationOrPerson: SchemaObject = {
  type: 'object',
  required: ['@type', 'name'],
  properties: {
    '@type': { type: 'string', enum: ['Person', 'Organization'] },
    name: { type: 'string' },
    url: { type: 'string', format: 'uri' },
  },
};

/** One schema.org ClaimReview as the export writes it (see claim-review.ts). */
export const CLAIM_REVIEW_SCHEMA: SchemaObject = thing(
  'ClaimReview',
  {
    '@context': { type: 'string', enum: ['https://schema.org'] },
    url: { type: 'string', format: 'uri', description: 'PUBLIC_BASE_URL/claims/<id>' },
    claimReviewed: { type: 'string' },
    datePublished: { type: 'string', format: 'date-time', description: 'When the claim was finalized' },
    author: organizationOrPerson,
    itemReviewed: thing(
      'Claim',
      {
        author: organizationOrPerson,
        datePublished: { type: 'string', format: 'date-time' },
        appearance: thing('CreativeWork', { url: { type: 'string', format: 'uri' }, headline: { type: 'string' } }, [
          'url',
        ]),
      },
      ['appearance'],
    ),
    reviewRating: thing(
      'Rating',
      {
        ratingValue: { type: 'number' },
        bestRating: { type: 'number' },
        worstRating: { type: 'number' },
        alternateName: { type: 'string' },
        name: { type: 'string' },
      },
      ['ratingValue', 'bestRating', 'worstRating', 'alternateName', 'name'],
    ),
  },
  ['@context', 'url', 'claimReviewed', 'author', 'itemReviewed', 'reviewRating'],
);

/** format=claimreview: a plain JSON-LD array of ClaimReview objects (the cursor is in X-Export-Cursor). */
export const CLAIM_REVIEW_DOCUMENT_SCHEMA: SchemaObject = { type: 'array', items: CLAIM_REVIEW_SCHEMA };
