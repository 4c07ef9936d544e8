import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type ArticleExtraction = 'extracted' | 'unsupported language';

/** The generated `search` tsvector column is left out on purpose: only the list query reads it. */
@Entity('articles')
export class Article {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column()
  title: string;

  /** Exactly as received: claim offsets point into it. */
  @Column()
  body: string;

  /** Normalized (see article-identity.ts); unique when present. */
  @Column({ type: 'text', nullable: true })
  url: string | null;

  @Column({ type: 'text', nullable: true })
  source: string | null;

  @Column({ type: 'text', nullable: true })
  author: string | null;

  @Column()
  language: string;

  /** 'unsupported language': not English, so no claims were extracted (the model is English-only). */
  @Column({ type: 'text' })
  extraction: ArticleExtraction;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ name: 'body_sha256', type: 'char', length: 64 })
  bodySha256: string;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
