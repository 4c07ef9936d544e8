import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Role } from '../../users/role';

@Entity('queues')
export class Queue {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column()
  slug: string;

  @Column()
  description: string;

  /** Markdown shown to whoever works a claim from this queue (rendered sanitised by the workbench). */
  @Column()
  guidelines: string;

  /** Role allowed to pull (admins may pull any queue). */
  @Column({ name: 'pull_role', type: 'text' })
  pullRole: Role.Reviewer | Role.Editor;

  @Column({ name: 'min_score', type: 'real' })
  minScore: number;

  @Column({ type: 'text', array: true, nullable: true })
  sources: string[] | null;

  @Column({ type: 'text', array: true, nullable: true })
  languages: string[] | null;

  /** K: independent verdicts each claim needs in this queue. */
  @Column({ name: 'verdicts_required' })
  verdictsRequired: number;

  @Column({ name: 'lease_seconds' })
  leaseSeconds: number;

  @Column()
  active: boolean;

  @Column({ name: 'routing_order' })
  routingOrder: number;

  /** False for queues that only receive claims explicitly (adjudication). */
  @Column()
  routable: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
