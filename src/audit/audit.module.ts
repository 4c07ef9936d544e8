import { Global, Module } from '@nestjs/common';
import { AuditRepository } from './audit.repository';

/** Global: every feature records what it changes. */
@Global()
@Module({ providers: [AuditRepository], exports: [AuditRepository] })
export class AuditModule {}
