import { isErrorCode, type ErrorCode } from '@ticketing/errors';
import type { FastifySchemaValidationError } from 'fastify';

/**
 * Schema annotations that give a validation failure the stable code a client already knows from
 * the service behind the route (e.g. INVALID_QUANTITY), instead of the generic VALIDATION_FAILED.
 * They are OpenAPI extensions (`x-`), so the document tells clients the code as well.
 */
const INVALID_CODE = 'x-invalid-code';
const MISSING_CODE = 'x-missing-code';

/** A value that fails this schema is refused with `code`. */
export const codeIfInvalid = (code: ErrorCode) => ({ [INVALID_CODE]: code });
/** A required property left out is refused with `code`. */
export const codeIfMissing = (code: ErrorCode) => ({ [MISSING_CODE]: code });

interface KeywordRegistry {
  addKeyword(keyword: string): unknown;
}

/** Ajv plugin: the annotations are known keywords (strict mode refuses unknown ones) that validate nothing. */
export function errorCodeKeywords<A extends KeywordRegistry>(ajv: A): A {
  ajv.addKeyword(INVALID_CODE);
  ajv.addKeyword(MISSING_CODE);
  return ajv;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The annotated code for one failure; `parentSchema` is there because ajv runs with `verbose`. */
function codeOf(issue: FastifySchemaValidationError): ErrorCode | undefined {
  const schema = (issue as { parentSchema?: unknown }).parentSchema;
  if (!isRecord(schema)) return undefined;
  if (issue.keyword === 'required') {
    const properties = isRecord(schema.properties) ? schema.properties : {};
    const property = properties[String(issue.params.missingProperty)];
    const code = isRecord(property) ? property[MISSING_CODE] : undefined;
    return isErrorCode(code) ? code : undefined;
  }
  const code = schema[INVALID_CODE];
  return isErrorCode(code) ? code : undefined;
}

/** The first failure that carries a code of its own, with that code. */
export function codedIssue(
  issues: readonly FastifySchemaValidationError[],
): { code: ErrorCode; issue: FastifySchemaValidationError } | undefined {
  for (const issue of issues) {
    const code = codeOf(issue);
    if (code) return { code, issue };
  }
  return undefined;
}
