import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';

export const IS_PUBLIC = 'isPublic';

/**
 * Opens a route to anonymous callers; every other route needs a valid token (deny by default). OpenAPI gets an
 * empty security requirement: "no credentials needed".
 */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiSecurity({}));
