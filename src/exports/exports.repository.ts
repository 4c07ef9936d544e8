import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource, QueryFailedError } from 'typeorm';
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
  async openSnapshot(idleInTransactionMs: number): Promise<ExportSnapshot> {
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool;
    return ExportSnapshot.open(await pool.connect(), idleInTransactionMs);
  }

  /** The names of the given values PostgreSQL refuses as timestamptz (e.g. ISO week dates), checked one by one. */
  async unstorableTimestamps(values: Record<string, string | undefined>): Promise<string[]> {
    const refused: string[] = [];
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) continue;
      try {
        await this.tx.manager.query(`SELECT $1::timestamptz`, [value]);
      } catch (error) {
        if (!isDataException(error)) throw error;
        refused.push(name);
      }
    }
    return refused;
  }

  async queueId(slug: string): Promise<string | null> {
    const [row] = await this.tx.manager.query(`SELECT id FROM queues WHERE slug = $1`, [slug]);
    return row?.id ?? null;
  }
}

/** PostgreSQL refused a value (SQLSTATE class 22, data exception). */
function isDataException(error: unknown): boolean {
  return error instanceof QueryFailedError && String((error.driverError as { code?: string }).code).startsWith('22');
}
