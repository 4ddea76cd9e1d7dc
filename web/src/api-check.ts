/**
 * Development builds only (`import.meta.env.DEV`): `request` loads this module to check what the
 * server answered, so a drift between the workbench's types and the server's answers shows up as a
 * console error where it happens instead of as a blank field later. Production builds never load
 * it (nor TypeBox's checker).
 */
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';

/** A schema, or a loader of one (so that the schema's module is not in the production bundle). */
export type SchemaSource = TSchema | (() => Promise<TSchema>);

// A schema is a plain object, so `typeof` tells the two apart (TypeScript cannot: a schema type
// has an index signature, which a function also fits).
const schemaOf = async (source: SchemaSource): Promise<TSchema> =>
  typeof source === 'function' ? (source as () => Promise<TSchema>)() : source;

/** What is wrong with an answer, or null: JSON, and of the schema's shape when one is given. */
export async function answerProblem(
  contentType: string | null,
  text: string,
  schema?: SchemaSource,
): Promise<string | null> {
  if (text === '') return null; // 204 and friends: nothing to check
  if (!/^application\/(.+\+)?json\b/.test(contentType ?? ''))
    return `expected JSON, got ${contentType ?? 'no content type'}`;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return 'the body is not valid JSON';
  }
  if (!schema) {
    return typeof data === 'object' && data !== null
      ? null
      : `expected an object or array, got ${typeof data}`;
  }
  const s = await schemaOf(schema);
  if (Value.Check(s, data)) return null;
  // Only the two fields every error has (the full union is large and varies by keyword).
  const errors = Value.Errors(s, data) as ReadonlyArray<{ instancePath: string; message: string }>;
  const first = errors.slice(0, 3);
  return `does not match its schema: ${first.map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ')}`;
}

/** Logs a clear console error when the answer to `method path` is not what the caller expects. */
export async function checkAnswer(
  method: string,
  path: string,
  contentType: string | null,
  text: string,
  schema?: SchemaSource,
  log: (message: string) => void = console.error,
): Promise<void> {
  const problem = await answerProblem(contentType, text, schema);
  if (problem) log(`[api] ${method} ${path}: unexpected answer, ${problem}`);
}
