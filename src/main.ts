import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { AppConfig } from './config/app-config';
import { EnvironmentError } from './config/environment';

async function main(): Promise<void> {
  AppConfig.loadDotEnv();
  const config = AppConfig.fromEnvironment();
  const app = await createApp();
  await app.listen({ port: config.port, host: config.host });
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  const log = new Logger('Main');
  log.log(`Fact-check workflow service listening on ${url} — API docs at ${url}/docs`);
  if (!config.bootstrapAdmin)
    log.log(`First login: see the "Created the first admin" line above, or ${config.dataDir}/first-admin-password`);

  // In-flight requests finish, then the pool closes and an embedded PostgreSQL stops (see DatabaseServerService).
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.log(`${signal} received, shutting down`);
    await app.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof EnvironmentError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
