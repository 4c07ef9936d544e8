import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ClaimStatus, FinalLabel } from '../review/claim-lifecycle';

export type ClaimOrigin = 'extracted' | 'manual';

@Entity('claims')
export class Claim {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'article_id', type: 'uuid' })
  articleId: string;

  /** Always article.body.slice(start, end) (UTF-16 offsets, as JavaScript counts them). */
  @Column()
  text: string;

  @Column({ type: 'integer' })
  start: number;

  @Column({ type: 'integer' })
  end: number;

  /** The extractor's sentence number; null for manual claims. */
  @Column({ name: 'sentence_index', type: 'integer', nullable: true })
  sentenceIndex: number | null;

  @Column({ type: 'real' })
  score: number;

  @Column({ type: 'jsonb' })
  features: Record<string, number | boolean | string>;

  @Column({ type: 'text', nullable: true })
  speaker: string | null;

  @Column({ type: 'text' })
  origin: ClaimOrigin;

  @Column({ type: 'text' })
  status: ClaimStatus;

  @Column({ name: 'normalized_text', select: false })
  normalizedText: string;

  /** Review round (a reopened claim starts a new one; earlier verdicts stay). */
  @Column({ type: 'integer', default: 1 })
  round: number;

  @Column({ name: 'final_label', type: 'text', nullable: true, default: null })
  finalLabel: FinalLabel | null;

  @Column({ name: 'resolution_source', type: 'text', nullable: true, default: null })
  resolutionSource: 'consensus' | 'adjudication' | null;

  @Column({ name: 'finalized_at', type: 'timestamptz', nullable: true, default: null })
  finalizedAt: Date | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
