import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorBody } from '../errors/error-body';

/** OpenAPI: the route takes a bearer token or the browser session cookie, and answers 401 without either. */
export const ApiSignedIn = () =>
  applyDecorators(ApiBearerAuth(), ApiCookieAuth(), ApiUnauthorizedResponse({ type: ErrorBody, description: 'No valid token or session' }));
