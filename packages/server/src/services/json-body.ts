import { isAscii } from 'node:buffer';
import { ApiError } from './errors.js';

/**
 * Decodes and parses a JSON request body. Plain JSON.parse: it makes "__proto__" an own key and
 * never touches a prototype, and validators refuse unknown keys. ASCII bodies (most batches) are
 * decoded as latin1, a plain copy, instead of running the UTF-8 decoder over every byte.
 */
export function parseJsonBody(body: Buffer): unknown {
  if (body.length === 0) throw new ApiError(400, 'bad_request', 'body is empty; expected JSON');
  const text = body.toString(isAscii(body) ? 'latin1' : 'utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ApiError(400, 'invalid_json', `body is not valid JSON: ${(err as Error).message}`);
  }
}
