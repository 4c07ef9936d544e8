import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiResponse } from '@nestjs/swagger';
import { ErrorBody } from '../errors/error-body';

/** What each error status means on this API unless a route says more. */
const MEANINGS: Record<number, string> = {
  400: 'Invalid input: details lists the bad fields (malformed id, query or body)',
  401: 'Missing, invalid, expired or revoked token',
  403: 'Your role may not do this',
  404: 'Not found',
  409: 'Conflict with the current state (code and details say which)',
  413: 'Body larger than BODY_LIMIT',
  415: 'Unsupported content type (send application/json)',
  422: 'Well-formed but does not fit the data',
  429: 'Too many requests; see Retry-After',
  503: 'Temporarily unavailable; retry later',
};

/** Any HTTP status; those in MEANINGS need no description. */
export type ErrorStatus = number;

/**
 * Documents a route's error responses, all with the one ErrorBody: `ApiErrors(400, 404, { status: 409, description })`.
 * A number gets the standard meaning above; an object says what this route means by it.
 */
export const ApiErrors = (...errors: (ErrorStatus | { status: ErrorStatus; description: string })[]) =>
  applyDecorators(
    ...errors.map((error) => {
      const { status, description } =
        typeof error === 'number' ? { status: error, description: MEANINGS[error] } : error;
      return ApiResponse({ status, description: description ?? MEANINGS[status], type: ErrorBody });
    }),
  );

/** Errors of any route that takes a JSON body: validation, size and content type. */
export const JSON_BODY_ERRORS = [400, 413, 415] as const;

/** A route for any signed-in caller: documents the bearer token or browser session cookie, and the 401. */
export const SignedIn = () => applyDecorators(ApiBearerAuth(), ApiCookieAuth(), ApiErrors(401));
