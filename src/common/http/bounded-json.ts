import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import secureJson from 'secure-json-parse';

/**
 * How complex a JSON document may be before anything walks it. class-transformer and class-validator recurse per
 * level and per key, and a validation error per unknown key: 60,000 keys cost seconds of CPU and a 4 MB error,
 * 3,000 levels overflowed the stack. No request of this API comes near these.
 */
export const JSON_LIMITS = { maxDepth: 32, maxKeys: 2_000, maxItems: 20_000 };

/** One pass over the text, counting nesting, object keys and array items; nothing is allocated. */
export function jsonComplexityProblem(text: string, limits = JSON_LIMITS): string | undefined {
  let depth = 0;
  let keys = 0;
  let items = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      // skip the string, escapes included
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i);
        if (s === 0x5c /* \ */) i++;
        else if (s === 0x22) break;
      }
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > limits.maxDepth) return `nested deeper than ${limits.maxDepth} levels`;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
    } else if (c === 0x3a /* : */) {
      if (++keys > limits.maxKeys) return `more than ${limits.maxKeys} keys`;
    } else if (c === 0x2c /* , */) {
      if (++items > limits.maxItems) return `more than ${limits.maxItems} items`;
    }
  }
  return undefined;
}

const tooComplex = (problem: string) =>
  Object.assign(new Error(`JSON body too complex: ${problem}`), { statusCode: 400, code: 'BODY_TOO_COMPLEX' });

/** JSON.parse behind the complexity check, refusing `__proto__`/`constructor.prototype` keys (as fastify does). */
export function parseBoundedJson(text: string): unknown {
  const problem = jsonComplexityProblem(text);
  if (problem) throw tooComplex(problem);
  return secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The application/json body parser: refuses bytes that are not UTF-8 (a lenient decoder would store U+FFFD instead)
 * and checks the body's complexity before parsing it.
 */
export function useBoundedJsonParser(app: NestFastifyApplication, bodyLimit: number): void {
  app.useBodyParser('application/json', { bodyLimit }, (_request, body, done) => {
    try {
      if (body.length === 0)
        throw Object.assign(new Error('Body cannot be empty when content-type is set to application/json'), {
          code: 'FST_ERR_CTP_EMPTY_JSON_BODY',
        });
      let text: string;
      try {
        text = utf8.decode(body);
      } catch {
        throw Object.assign(new Error('The JSON body is not valid UTF-8'), { code: 'BODY_NOT_UTF8' });
      }
      done(null, parseBoundedJson(text));
    } catch (error) {
      const e = error as Error & { statusCode?: number };
      e.statusCode ??= 400;
      done(e, undefined);
    }
  });
}
