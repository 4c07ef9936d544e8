import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/decorators/public.decorator';
import { WebAppFiles } from './web-app-files';

/** The browser workbench (web/, built by Vite into web/dist) under /app/; pages, not API, so not in the OpenAPI document. */
@ApiExcludeController()
@Public()
@Controller()
export class WebAppController {
  constructor(private readonly files: WebAppFiles) {}

  @Get()
  root(@Res() reply: FastifyReply): void {
    void reply.redirect('/app/', 302);
  }

  @Get('app')
  app(@Res() reply: FastifyReply): void {
    void reply.redirect('/app/', 301);
  }

  /** A path with an extension is a file (404 when missing); any other is a client route, answered by index.html. */
  @Get('app/*')
  file(@Param('*') path: string, @Res() reply: FastifyReply): void {
    this.files.send(reply, path);
  }
}
