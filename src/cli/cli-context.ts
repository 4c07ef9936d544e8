import { Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { INestApplicationContext } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AppConfigModule } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';

/** Runs `work` inside a Nest application context with config, database, audit and the given feature modules. */
export async function withCliContext<T>(
  features: Type[],
  work: (ctx: INestApplicationContext) => Promise<T>,
): Promise<T> {
  @Module({ imports: [AppConfigModule, DatabaseModule, AuditModule, ...features] })
  class CliModule {}
  const ctx = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
  try {
    return await work(ctx);
  } finally {
    await ctx.close();
  }
}
