import { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { buildOpenApiDocumentOffline } from '../common/openapi/openapi-document';
import { publicBaseUrlOf } from '../config/app-config';
import { validateEnvironment } from '../config/environment';

/** `openapi`: writes the document GET /docs-json serves, built without a database (for linting and client generators). */
export function registerOpenApiCommands(program: Command): void {
  program
    .command('openapi')
    .description('Write the OpenAPI document (as served at /docs-json) to a file, without a database')
    .requiredOption('--out <file>')
    .action(async ({ out }: { out: string }) => {
      // Only the public base URL is needed: AppConfig would also make a development JWT secret.
      const document = await buildOpenApiDocumentOffline(publicBaseUrlOf(validateEnvironment(process.env)));
      writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
      console.log(`OpenAPI document (${Object.keys(document.paths).length} paths) written to ${out}`);
    });
}
