import { Logger } from '@nestjs/common';
import { Client, ClientConfig } from 'pg';

const logger = new Logger('Database');

/**
 * The pool's client class: it listens for 'error' from birth to end. pg-pool detaches its own listener when it hands
 * a client out, and the new holder attaches one only after a promise settles; a connection that dies in between
 * (57P01 on a restart or failover, a reset) would emit 'error' to nobody, which ends the process. The failure still
 * reaches every query that runs on the connection, and the pool drops it.
 */
export class GuardedPgClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(config);
    this.on('error', (error: Error) => logger.warn(`PostgreSQL connection lost: ${error.message}`));
  }
}
