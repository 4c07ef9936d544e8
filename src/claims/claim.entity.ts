import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ClaimStatus } from './claim-lifecycle';

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

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
