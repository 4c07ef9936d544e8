import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

export type OpenApiDocument = {
  paths: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, unknown> };
};
type OperationObject = {
  operationId?: string;
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
};

/** What the hook saw of one response: enough to find the operation and check the body. */
export interface ObservedResponse {
  method: string;
  url: string;
  status: number;
  contentType: string | undefined;
  /**
   * The raw body text (JSON bodies are parsed here, so supertest's and fetch's responses are treated alike);
   * undefined when the client did not buffer it: then only the status and media type are checked.
   */
  text: string | undefined;
}

const DOC_ID = 'openapi.json';

/**
 * Checks every e2e response against the operation's documented response in /docs-json: the status must be
 * documented, the media type too, and the body must validate (objects are closed: an undocumented field is drift).
 * NDJSON bodies are checked line by line against the documented line schema. Paths the document does not know
 * (/docs itself, deliberately unknown routes) are not checked.
 */
export class OpenApiContract {
  private readonly ajv = new Ajv({ allErrors: true, strict: false, discriminator: true });
  private readonly routes: { method: string; template: string; pattern: RegExp; operation: OperationObject }[];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(document: OpenApiDocument) {
    addFormats(this.ajv);
    const copy = closeObjects(structuredClone(document)) as OpenApiDocument;
    this.ajv.addSchema({ $id: DOC_ID, paths: copy.paths, components: copy.components });
    // Literal segments win over parameters: /articles/import before /articles/{id}.
    this.routes = Object.entries(copy.paths)
      .flatMap(([template, ops]) =>
        Object.entries(ops)
          .filter(([method]) => HTTP_METHODS.has(method))
          .map(([method, operation]) => ({ method, template, pattern: templatePattern(template), operation })),
      )
      .sort((a, b) => paramCount(a.template) - paramCount(b.template));
  }

  /** Throws an Error naming the operation, the status and ajv's findings when the response breaks the contract. */
  check(response: ObservedResponse): void {
    const method = response.method.toLowerCase();
    const path = new URL(response.url, 'http://x').pathname;
    const route = this.routes.find((r) => r.method === method && r.pattern.test(path));
    if (!route) return;
    const where = `${method.toUpperCase()} ${route.template} (${route.operation.operationId ?? 'no operationId'}) answered ${response.status}`;
    const documented =
      route.operation.responses?.[String(response.status)] ??
      route.operation.responses?.[`${String(response.status)[0]}XX`];
    const statusKey = route.operation.responses?.[String(response.status)]
      ? String(response.status)
      : `${String(response.status)[0]}XX`;
    if (!documented) {
      throw new Error(
        `OpenAPI drift: ${where}, a status /docs-json does not document (documented: ${Object.keys(route.operation.responses ?? {}).join(', ')}). Body: ${(response.text ?? '').slice(0, 300)}`,
      );
    }
    if (response.status === 204 || response.text === '') return;
    if (!documented.content) {
      if (response.text === undefined) return;
      throw new Error(`OpenAPI drift: ${where} with a body, but documents none. Body: ${response.text.slice(0, 300)}`);
    }
    const mediaType = (response.contentType ?? '').split(';')[0].trim().toLowerCase();
    if (!documented.content[mediaType]) {
      throw new Error(
        `OpenAPI drift: ${where} with content-type ${mediaType || '(none)'}, not documented (documented: ${Object.keys(documented.content).join(', ')})`,
      );
    }
    if (!documented.content[mediaType].schema || response.text === undefined) return;
    const validate = this.validator(route.template, method, statusKey, mediaType);
    for (const [index, body] of bodies(mediaType, response.text)) {
      if (!validate(body)) {
        const at = index === undefined ? '' : ` (line ${index + 1})`;
        throw new Error(
          `OpenAPI drift: ${where}, body${at} does not match the documented ${mediaType} schema:\n${describe(validate.errors)}\nBody: ${JSON.stringify(body).slice(0, 600)}`,
        );
      }
    }
  }

  private validator(template: string, method: string, status: string, mediaType: string): ValidateFunction {
    const pointer = ['paths', template, method, 'responses', status, 'content', mediaType, 'schema']
      .map(escapePointer)
      .join('/');
    const ref = `${DOC_ID}#/${pointer}`;
    let validate = this.validators.get(ref);
    if (!validate) {
      validate = this.ajv.compile({ $ref: ref });
      this.validators.set(ref, validate);
    }
    return validate;
  }
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);
const JSON_TYPES = /^application\/(.+\+)?json$/;

function bodies(mediaType: string, text: string): [number | undefined, unknown][] {
  if (mediaType === 'application/x-ndjson') {
    return text.split('\n').flatMap((line, i): [number, unknown][] => (line.trim() ? [[i, JSON.parse(line)]] : []));
  }
  if (JSON_TYPES.test(mediaType)) return [[undefined, JSON.parse(text)]];
  return [[undefined, text]];
}

function templatePattern(template: string): RegExp {
  const source = template
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]+');
  return new RegExp(`^${source}/?$`);
}

const paramCount = (template: string) => (template.match(/\{/g) ?? []).length;
const escapePointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/** Object schemas that list their properties get additionalProperties: false unless they say otherwise. */
function closeObjects(node: unknown): unknown {
  if (Array.isArray(node)) node.forEach(closeObjects);
  else if (node && typeof node === 'object') {
    const schema = node as Record<string, unknown>;
    Object.values(schema).forEach(closeObjects);
    const composed = 'allOf' in schema || 'anyOf' in schema || 'oneOf' in schema;
    if (
      schema.properties &&
      typeof schema.properties === 'object' &&
      !('additionalProperties' in schema) &&
      !composed
    ) {
      schema.additionalProperties = false;
    }
  }
  return node;
}

function describe(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 10)
    .map(
      (e) =>
        `  - ${e.instancePath || '(root)'} ${e.message}${e.keyword === 'additionalProperties' ? `: ${String(e.params.additionalProperty)}` : ''}${e.keyword === 'enum' ? ` ${JSON.stringify(e.params.allowedValues)}` : ''}`,
    )
    .join('\n');
}
