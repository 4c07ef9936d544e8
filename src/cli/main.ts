import 'reflect-metadata';
import { Command } from 'commander';
import { AppConfig } from '../config/app-config';
import { registerArticleCommands } from './articles.commands';
import { registerExportCommands } from './export.commands';
import { registerMigrationCommands } from './migration.commands';
import { registerOpenApiCommands } from './openapi.commands';
import { registerUserCommands } from './users.commands';

AppConfig.loadDotEnv();
const program = new Command('factcheck').description('Operator commands for the fact-check workflow service');
registerUserCommands(program);
registerArticleCommands(program);
registerMigrationCommands(program);
registerExportCommands(program);
registerOpenApiCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
