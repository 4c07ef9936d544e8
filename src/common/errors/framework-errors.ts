import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from './error-body';

// Fastify's own messages quote the whole URL back; these say what is wrong without echoing it.
const MESSAGES: Record<string, string> = {
  FST_ERR_BAD_URL: 'The URL is malformed (percent-encoding that is not UTF-8?)',
  FST_ERR_MAX_PARAM_LENGTH: 'A path parameter is too long',
};

/**
 * Errors fastify's router meets before any route (hence before Nest's exception filter) get the one error body
 * with the request id too.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  void reply
    .code(status)
    .header('content-type', 'application/json; charset=utf-8')
    .send(errorBody(status, MESSAGES[error.code] ?? 'Bad request', String(request.id), { code: error.code }));
}
