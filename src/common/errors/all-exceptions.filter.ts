import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { DomainException } from './domain.exception';
import { ErrorBody, errorBody } from './error-body';
import { isDatabaseUnavailable } from './pg-errors';

/** Seconds a client is told to wait before retrying while the database is unreachable (a failover takes a few). */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

const PG_ERRORS_AS_CLIENT_ERRORS: Record<string, number> = {
  '22P02': 400, // invalid_text_representation (e.g. a malformed uuid that slipped past validation)
  '22001': 400, // string_data_right_truncation
  '23505': 409, // unique_violation
  '40001': 409, // serialization_failure
  '40P01': 409, // deadlock_detected
};

/** Turns every error into the one error body; a 500 says nothing but "Internal server error". */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    const body = this.toBody(exception, String(request.id));
    if (body.code === 'DATABASE_UNAVAILABLE') {
      // Expected during a restart or failover: one line, not a stack per request.
      this.logger.warn(`${request.method} ${request.url}: database unavailable (${exception instanceof Error ? exception.message : String(exception)})`);
      void reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    } else if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  toBody(exception: unknown, requestId: string): ErrorBody {
    if (exception instanceof DomainException) {
      return errorBody(exception.status, exception.message, requestId, { code: exception.code, details: exception.details });
    }
    if (exception instanceof HttpException) return fromHttpException(exception, requestId);
    if (isDatabaseUnavailable(exception)) {
      return errorBody(503, 'The database is unavailable; retry shortly', requestId, { code: 'DATABASE_UNAVAILABLE' });
    }
    if (exception instanceof QueryFailedError) {
      const pgCode = (exception.driverError as { code?: string })?.code ?? '';
      const status = PG_ERRORS_AS_CLIENT_ERRORS[pgCode];
      if (status) return errorBody(status, status === 409 ? 'Conflict with the current state' : 'Invalid value', requestId);
    }
    const fastifyStatus = (exception as { statusCode?: number })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      // Fastify's own errors (malformed JSON, body too large, unsupported media type) carry a 4xx status and a code.
      const { message, code } = exception as { message: string; code?: string };
      return errorBody(fastifyStatus, message, requestId, { code });
    }
    return errorBody(500, 'Internal server error', requestId);
  }
}

function fromHttpException(exception: HttpException, requestId: string): ErrorBody {
  const status = exception.getStatus();
  const response = exception.getResponse();
  if (typeof response === 'string') return errorBody(status, response, requestId);
  const { message, details, code } = response as { message?: string | string[]; details?: unknown; code?: string };
  const text = Array.isArray(message) ? message.join('; ') : (message ?? exception.message);
  return errorBody(status, text, requestId, { code, details });
}
