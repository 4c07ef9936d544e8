import { useCallback, useEffect, useState } from 'react';
import type { Label, VerdictBody } from './review-api';

export interface EvidenceDraft {
  url: string;
  note: string;
}

export interface Draft {
  label: Label | null;
  rationale: string;
  evidence: EvidenceDraft[];
  confidence: number;
}

const EMPTY: Draft = { label: null, rationale: '', evidence: [], confidence: 3 };
const PREFIX = 'factcheck.draft.';

/** One draft per reviewer, claim and round: a lease that expired and is pulled again finds its draft. */
export const draftKey = (userId: string, claimId: string, round: number): string =>
  `${PREFIX}${userId}.${claimId}.${round}`;

function read(key: string): Draft {
  try {
    const saved = localStorage.getItem(key);
    return saved ? { ...EMPTY, ...(JSON.parse(saved) as Partial<Draft>) } : EMPTY;
  } catch {
    return EMPTY;
  }
}

/** The verdict form's state, written to localStorage as it changes so a reload or a crash loses nothing. */
export function useDraft(key: string) {
  const [draft, setDraft] = useState<Draft>(() => read(key));
  const [loadedKey, setLoadedKey] = useState(key);
  if (loadedKey !== key) {
    setLoadedKey(key);
    setDraft(read(key));
  }

  useEffect(() => {
    if (loadedKey !== key) return;
    if (draft === EMPTY) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(draft));
  }, [draft, key, loadedKey]);

  const update = useCallback((change: Partial<Draft>) => setDraft((current) => ({ ...current, ...change })), []);
  const clear = useCallback(() => {
    localStorage.removeItem(key);
    setDraft(EMPTY);
  }, [key]);
  return { draft, update, clear };
}

const HTTP_URL = /^https?:$/;

/** Whether the evidence address is one the service accepts (an absolute http or https URL). */
export function isEvidenceUrl(value: string): boolean {
  try {
    return HTTP_URL.test(new URL(value.trim()).protocol);
  } catch {
    return false;
  }
}

/** The request body for a draft; empty evidence rows are dropped, notes travel as the supporting quote. */
export function verdictBody(draft: Draft & { label: Label }): VerdictBody {
  const rationale = draft.rationale.trim();
  return {
    label: draft.label,
    ...(rationale ? { rationale } : {}),
    confidence: draft.confidence,
    sources: draft.evidence
      .filter((e) => e.url.trim())
      .map((e) => ({ url: e.url.trim(), ...(e.note.trim() ? { quote: e.note.trim() } : {}) })),
  };
}
