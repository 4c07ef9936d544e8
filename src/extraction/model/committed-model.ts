import artifact from './check-worthiness.model.json';
import type { ModelArtifact } from './check-worthiness-model';

/** The artifact `npm run train:extraction` wrote; see MODEL_CARD.md. */
export const COMMITTED_ARTIFACT = artifact as unknown as ModelArtifact;
