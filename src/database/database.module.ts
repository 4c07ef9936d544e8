import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';
import { DatabaseServerService } from './database-server.service';
import { InvalidationListener } from './invalidation-listener.service';
import { ReadReplica } from './read-replica.service';
import { TransactionContext } from './transaction-context';

@Module({ providers: [DatabaseServerService], exports: [DatabaseServerService] })
class DatabaseServerModule {}

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      imports: [DatabaseServerModule],
      inject: [AppConfig, DatabaseServerService],
      useFactory: async (config: AppConfig, server: DatabaseServerService) =>
        dataSourceOptions(await server.connectionUrl(), { poolSize: config.dbPoolSize }),
    }),
    DatabaseServerModule,
  ],
  providers: [TransactionContext, InvalidationListener, ReadReplica],
  exports: [TransactionContext, InvalidationListener, ReadReplica],
})
export class DatabaseModule {}
