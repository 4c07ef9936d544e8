import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { JSON_LIMITS } from './bounded-json';
import { exceedsKeys, findIllFormedField } from './input-hygiene';

export interface FieldError {
  field: string;
  errors: string[];
}

/** Bad fields listed in a 400: enough to fix a request, never an echo of a hostile one. */
export const MAX_DETAILS = 10;

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, errors: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

function badRequest(details: FieldError[]): BadRequestException {
  const shown = details.slice(0, MAX_DETAILS);
  const more = details.length - shown.length;
  const fields = shown.map((d) => d.field).join(', ') + (more ? ` and ${more} more` : '');
  return new BadRequestException({ message: `Validation failed: ${fields}`, details: shown });
}

/**
 * Whitelist + forbid unknown properties + transform; a 400 lists the first MAX_DETAILS bad fields under `details`.
 * Before any of that, every string of a body, query or path parameter must be text PostgreSQL stores as given
 * (input-hygiene): the one place that keeps NUL and lone surrogates from reaching the database.
 */
class AppValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      if (exceedsKeys(value, JSON_LIMITS.maxKeys))
        throw new BadRequestException({ message: `More than ${JSON_LIMITS.maxKeys} fields`, code: 'BODY_TOO_COMPLEX' });
      const bad = findIllFormedField(value, metadata.type === 'param' ? metadata.data : undefined);
      if (bad) throw badRequest([{ field: bad.field, errors: [`${bad.field} ${bad.reason}`] }]);
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new AppValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => badRequest(flatten(errors)),
  });
}
