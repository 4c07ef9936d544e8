import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { DomainException } from './domain.exception';
import { ErrorBody, errorBody } from './error-body';
import { isDatabaseUnavailable } from './pg-errors';

/** Seconds a client is told to wait before retrying while the database is unreachable (a failover takes a few). */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

const PG_ERRORS_AS_CLIENT_ERRORS: Record<string, number> = {
  '22P02': 400, // invalid_text_representation (e.g. a malformed uuid that slipped past validation)
  '22001': 400, // string_data_right_truncation
  // Last line of defence behind validation: values PostgreSQL cannot take are the request's fault, never a 500.
  '22003': 400, // numeric_value_out_of_range
  '22004': 400, // null_value_not_allowed
  '22007': 400, // invalid_datetime_format
  '22008': 400, // datetime_field_overflow
  '2201W': 400, // invalid_row_count_in_limit_clause
  '2201X': 400, // invalid_row_count_in_result_offset_clause
  '22021': 400, // character_not_in_repertoire (e.g. NUL)
  '22023': 400, // invalid_parameter_value
  '22P05': 400, // untranslatable_character
  '23502': 400, // not_null_violation
  '54000': 400, // program_limit_exceeded (e.g. a tsvector too large)
  '54001': 400, // statement_too_complex
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
      this.logger.warn(
        `${request.method} ${request.url}: database unavailable (${exception instanceof Error ? exception.message : String(exception)})`,
      );
      void reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    } else if (body.statusCode >= 500)
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    const retryAfter = (body.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (typeof retryAfter === 'number') void reply.header('Retry-After', String(retryAfter));
    // Limits that say when to come back on the exception itself (export slots).
    const retryLater = (exception as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
    if (typeof retryLater === 'number') void reply.header('Retry-After', String(retryLater));
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  toBody(exception: unknown, requestId: string): ErrorBody {
    if (exception instanceof DomainException) {
      // instanceof on the generic class narrows to DomainException<any>; every code is a string.
      const { status, message, code, details } = exception as DomainException;
      return errorBody(status, message, requestId, { code, details });
    }
    if (exception instanceof HttpException) return fromHttpException(exception, requestId);
    if (isDatabaseUnavailable(exception)) {
      return errorBody(503, 'The database is unavailable; retry shortly', requestId, { code: 'DATABASE_UNAVAILABLE' });
    }
    if (exception instanceof QueryFailedError || exception instanceof DatabaseError) {
      const pgCode =
        (exception instanceof QueryFailedError ? (exception.driverError as { code?: string })?.code : exception.code) ??
        '';
      const status = PG_ERRORS_AS_CLIENT_ERRORS[pgCode];
      if (status)
        return errorBody(status, status === 409 ? 'Conflict with the current state' : 'Invalid value', requestId);
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
