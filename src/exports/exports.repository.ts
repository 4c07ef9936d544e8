import { Injectable } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { ReadReplica } from '../database/read-replica.service';
import { TransactionContext } from '../database/transaction-context';
import { ExportSnapshot } from './export-snapshot';

@Injectable()
export class ExportsRepository {
  constructor(
    private readonly reads: ReadReplica,
    private readonly tx: TransactionContext,
  ) {}

  /**
   * A connection of its own for the whole stream (a cursor needs one), on the read replica when it keeps up. The
   * snapshot must be complete below `completeBelow` (the request's since/until cursor): a replica whose horizon is
   * lower has not replayed everything the cursor's export (from the primary) covered, so the primary serves.
   */
  async openSnapshot(idleInTransactionMs: number, completeBelow?: string): Promise<ExportSnapshot> {
    const { client, onReplica } = await this.reads.connect();
    const snapshot = await ExportSnapshot.open(client, idleInTransactionMs);
    if (!onReplica || completeBelow === undefined || BigInt(snapshot.horizon) >= BigInt(completeBelow)) return snapshot;
    await snapshot.close();
    return ExportSnapshot.open(await this.reads.connectPrimary(), idleInTransactionMs);
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
    const [row] = await this.tx.manager.query<{ id: string }[]>(`SELECT id FROM queues WHERE slug = $1`, [slug]);
    return row?.id ?? null;
  }
}

/** PostgreSQL refused a value (SQLSTATE class 22, data exception). */
function isDataException(error: unknown): boolean {
  return error instanceof QueryFailedError && String((error.driverError as { code?: string }).code).startsWith('22');
}
