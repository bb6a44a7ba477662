/**
 * The typed function f(x, y) read by the engine's parser (never evaluated as code): its syntax
 * tree, or why it cannot be read — as a Text, so the reason is shown in the reader's language and
 * follows a language switch — with the 0-based position of the character at fault.
 */
import { lab } from '../../../../../../engine';
import { errorText, type Text } from '../../../../i18n';

export interface FunctionError {
  /** Why the function cannot be read (an ExpressionError's `labError.expression.*` message). */
  readonly text: Text;
  /** The 0-based character at fault, or null when the error names none. */
  readonly position: number | null;
  /** The text as typed. */
  readonly source: string;
}

export type ReadFunction = { readonly expr: lab.Expr; readonly source: string } | { readonly error: FunctionError };

/** Reads a typed function; an unreadable one comes back as an error naming what and where. */
export function readFunction(source: string): ReadFunction {
  try {
    return { expr: lab.parseExpression(source), source };
  } catch (e) {
    return { error: { text: errorText(e), position: e instanceof lab.ExpressionError ? e.position : null, source } };
  }
}
