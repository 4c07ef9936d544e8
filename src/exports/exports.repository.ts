import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { TransactionContext } from '../database/transaction-context';
import { ExportSnapshot } from './export-snapshot';

@Injectable()
export class ExportsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionContext,
  ) {}

  /** A connection of its own from TypeORM's pg pool: a cursor needs one for the whole stream. */
  async openSnapshot(): Promise<ExportSnapshot> {
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool;
    return ExportSnapshot.open(await pool.connect());
  }

  async queueId(slug: string): Promise<string | null> {
    const [row] = await this.tx.manager.query(`SELECT id FROM queues WHERE slug = $1`, [slug]);
    return row?.id ?? null;
  }
}
