import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorBody } from '../errors/error-body';
import { Role } from '../../users/role';

export const ROLES = 'roles';

/** Restricts a route to the given roles and documents that in OpenAPI. Without it any signed-in role may call. */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ROLES, roles),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ type: ErrorBody, description: 'Missing, invalid or revoked token' }),
    ApiForbiddenResponse({ type: ErrorBody, description: `Only ${roles.join(', ')}` }),
  );
