import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';

/** Vite names built assets after their content hash, so a browser may keep them for good. */
const IMMUTABLE_PREFIX = 'assets/';

/** Files of the built web app (AppConfig.webDistDir); checked per request, so a build after start is picked up. */
@Injectable()
export class WebAppFiles {
  constructor(private readonly root: string) {}

  send(reply: FastifyReply, path: string): void {
    if (!extname(path)) return this.sendIndex(reply);
    this.assertBuilt();
    // @fastify/static's send() refuses paths leaving the root; a missing file goes to the 404 handler.
    const immutable = path.startsWith(IMMUTABLE_PREFIX);
    void reply.sendFile(path, this.root, immutable ? { maxAge: '365d', immutable: true } : { cacheControl: false });
    if (!immutable) void reply.header('cache-control', 'no-cache');
  }

  /** The app's shell for every client route; revalidated on each load so a new build is picked up at once. */
  sendIndex(reply: FastifyReply): void {
    this.assertBuilt();
    void reply.header('cache-control', 'no-cache').sendFile('index.html', this.root, { cacheControl: false });
  }

  private assertBuilt(): void {
    if (!existsSync(join(this.root, 'index.html'))) {
      throw new ServiceUnavailableException({
        message: `The web app is not built (no ${join(this.root, 'index.html')}): run \`npm run build\``,
        code: 'WEB_APP_NOT_BUILT',
      });
    }
  }
}
