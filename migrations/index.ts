import { CreateUsers1764140000000 } from './1764140000000-CreateUsers';
import { CreateArticlesAndClaims1764140100000 } from './1764140100000-CreateArticlesAndClaims';
import { TuneClaimSimilarityIndexes1764140150000 } from './1764140150000-TuneClaimSimilarityIndexes';
import { CreateReviewWorkflow1764140200000 } from './1764140200000-CreateReviewWorkflow';
import { AddExportCursor1764140300000 } from './1764140300000-AddExportCursor';
import { AddClaimMinhashBands1764140400000 } from './1764140400000-AddClaimMinhashBands';
import { AddCacheInvalidation1764140500000 } from './1764140500000-AddCacheInvalidation';
import { ExactRepeatsFoundWhenRead1764140600000 } from './1764140600000-ExactRepeatsFoundWhenRead';
import { ClaimTextsCarryTheBands1764140700000 } from './1764140700000-ClaimTextsCarryTheBands';
import { DropRedundantClaimSpanIndex1764140800000 } from './1764140800000-DropRedundantClaimSpanIndex';
import { AddLoginFailures1764140900000 } from './1764140900000-AddLoginFailures';
import { AddBrowserSessions1796123468927 } from './1796123468927-AddBrowserSessions';
import { AddQueueGuidelines1796124522248 } from './1796124522248-AddQueueGuidelines';
import { LoginDelays1796123568615 } from './1796123568615-LoginDelays';
import { AddArticleExtraction1796128231060 } from './1796128231060-AddArticleExtraction';
import { AddReviewActivityNotify1796132000000 } from './1796132000000-AddReviewActivityNotify';
import { JitOffAsDatabaseDefault1796132778834 } from './1796132778834-JitOffAsDatabaseDefault';
import { ReviewActivityQuietForTheApp1796140000000 } from './1796140000000-ReviewActivityQuietForTheApp';
import { AdjudicationQueueNeverRoutes1796150000000 } from './1796150000000-AdjudicationQueueNeverRoutes';

/** Every migration, in order. Listed explicitly so the app, the CLI and jest load the same set without globs. */
export const MIGRATIONS = [
  CreateUsers1764140000000,
  CreateArticlesAndClaims1764140100000,
  TuneClaimSimilarityIndexes1764140150000,
  CreateReviewWorkflow1764140200000,
  AddExportCursor1764140300000,
  AddClaimMinhashBands1764140400000,
  AddCacheInvalidation1764140500000,
  ExactRepeatsFoundWhenRead1764140600000,
  ClaimTextsCarryTheBands1764140700000,
  DropRedundantClaimSpanIndex1764140800000,
  AddLoginFailures1764140900000,
  AddBrowserSessions1796123468927,
  LoginDelays1796123568615,
  AddQueueGuidelines1796124522248,
  AddArticleExtraction1796128231060,
  AddReviewActivityNotify1796132000000,
  JitOffAsDatabaseDefault1796132778834,
  ReviewActivityQuietForTheApp1796140000000,
  AdjudicationQueueNeverRoutes1796150000000,
];
