// The deployment routes read their body as ARM does: azure-cli 2.45 splices the template file's
// text, comments included, into the body behind an unquoted `template` key ("a JSONC format that
// service can deserialize", its JsonCTemplatePolicy), and ARM's JSON reader accepts that. JSON5
// reads the same relaxed syntax (comments, unquoted keys, single quotes, trailing commas); every
// other route keeps strict JSON.
import JSON5 from 'json5';
import { armApiError } from './errors.ts';

export function parseJsoncBody(text: string): unknown {
  try {
    return JSON5.parse<unknown>(text);
  } catch (e) {
    throw armApiError.invalidRequestContent(e instanceof Error ? e.message : 'invalid JSON');
  }
}
