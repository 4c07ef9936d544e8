import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiErrors, SignedIn } from '../openapi/api-errors.decorator';
import { Role } from '../../users/role';

export const ROLES = 'roles';

/** Restricts a route to the given roles and documents that in OpenAPI. Without it any signed-in role may call. */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ROLES, roles),
    SignedIn(),
    ApiErrors({ status: 403, description: `Only ${roles.join(', ')}` }),
  );
