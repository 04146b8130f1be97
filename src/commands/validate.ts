/**
 * `list --validate`: checks a spec against the OpenAPI (or Swagger 2.0) schema with
 * @apidevtools/swagger-parser. Dify never validates a spec, so problems are warnings: hints
 * that the document may not say what its author meant. External `$ref`s are not resolved:
 * no file is read and no URL fetched.
 */
import type SwaggerParser from '@apidevtools/swagger-parser';
import { warning, type Diagnostic } from '../diagnostics/diagnostic.js';
import { printable } from '../diagnostics/printable.js';
import type { LoadedDocument } from '../load/read-document.js';
import { toPlain } from '../load/value.js';

const MAX_PROBLEMS = 50;

interface AjvError {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

function pointerSegments(instancePath: string): string[] {
  return instancePath === '' ? [] : instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** What an ajv error says, with the allowed values where it lists them. */
function describe(e: AjvError): string {
  const allowed = e.params?.allowedValues;
  return `${e.message ?? 'is not valid'}${Array.isArray(allowed) ? ` (${allowed.join(', ')})` : ''}`;
}

/**
 * `validateOpenApi` with swagger-parser loaded. The import is dynamic so that the bundle the
 * package runs (dist/dify-toolgen.cjs, which inlines this module and makes the import a
 * `require`) loads swagger-parser only for `list --validate`; a missing swagger-parser rejects
 * here (`MODULE_NOT_FOUND` from the bundle, `ERR_MODULE_NOT_FOUND` from tsc's modules), where
 * the command line's `commandModule` reports it.
 */
export async function loadValidateOpenApi(): Promise<(document: LoadedDocument) => Promise<Diagnostic[]>> {
  const { default: parser } = await import('@apidevtools/swagger-parser');
  return (document) => validateOpenApi(parser, document);
}

/** Warnings for what makes `document` invalid OpenAPI (or Swagger 2.0) by swagger-parser's check; none when it is valid. */
async function validateOpenApi(parser: typeof SwaggerParser, document: LoadedDocument): Promise<Diagnostic[]> {
  // A plain, prototype-free copy: the validator dereferences (mutates) what it is given.
  const copy = JSON.parse(JSON.stringify(toPlain(document.value))) as object;
  try {
    await parser.validate(copy as never, { resolve: { external: false, file: false, http: false }, dereference: { circular: 'ignore' } });
    return [];
  } catch (e) {
    const details = ((e as { details?: AjvError[] }).details ?? []).filter(
      // ajv also reports every oneOf branch that did not match; the specific error is enough.
      (d) => d.keyword !== 'oneOf' && !(d.keyword === 'required' && d.params?.missingProperty === '$ref'),
    );
    const seen = new Set<string>();
    const diagnostics: Diagnostic[] = [];
    for (const d of details) {
      const key = `${d.instancePath}\u0000${d.message}`;
      if (seen.has(key) || diagnostics.length >= MAX_PROBLEMS) continue;
      seen.add(key);
      diagnostics.push(
        warning('openapi-invalid', `not valid OpenAPI: ${printable(describe(d), 300)}`, {
          location: document.locate(pointerSegments(d.instancePath ?? '')),
          dify: 'Dify does not validate specs: it creates the tools anyway.',
          hint: 'fix the spec here if the tools should mean what the OpenAPI description says',
        }),
      );
    }
    if (diagnostics.length === 0) {
      diagnostics.push(warning('openapi-invalid', `not a valid OpenAPI document: ${printable((e as Error).message.split('\n')[0] ?? '', 300)}`, { location: { file: document.file } }));
    }
    return diagnostics;
  }
}
