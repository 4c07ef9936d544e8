import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';

/** The one error body every 4xx/5xx carries. */
export class ErrorBody {
  @ApiProperty({ example: 400 })
  statusCode: number;

  @ApiProperty({ example: 'Bad Request' })
  error: string;

  @ApiProperty({ example: 'Validation failed' })
  message: string;

  @ApiPropertyOptional({ example: 'USER_EMAIL_TAKEN', description: 'Stable machine-readable error code' })
  code?: string;

  @ApiPropertyOptional({
    description: 'Field errors on a 400 ({field, errors}[]); context (e.g. the existing id) on a 409',
    oneOf: [
      {
        type: 'array',
        items: {
          type: 'object',
          required: ['field', 'errors'],
          properties: { field: { type: 'string' }, errors: { type: 'array', items: { type: 'string' } } },
        },
      },
      { type: 'object', additionalProperties: true },
    ],
  })
  details?: unknown;

  @ApiProperty({ example: '0f6b7c1e-6a43-4f43-9d0e-2f1f3f9d8c11' })
  requestId: string;
}

export function errorBody(
  statusCode: number,
  message: string,
  requestId: string,
  extra: { code?: string; details?: unknown } = {},
): ErrorBody {
  const body: ErrorBody = { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, requestId };
  if (extra.code) body.code = extra.code;
  if (extra.details !== undefined) body.details = extra.details;
  return body;
}
