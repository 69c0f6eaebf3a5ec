// ARM deserialises enum values without regard to case and answers them in its own casing; a value
// outside the enum is a type error (InvalidRequestFormat through parseArmBody).
import { z } from 'zod';

export function armEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z.string().transform((v, ctx): T[number] => {
    const hit = values.find((x) => x.toLowerCase() === v.toLowerCase());
    if (hit === undefined) {
      ctx.addIssue({ code: 'custom', message: `expected one of ${values.join(', ')}` });
      return z.NEVER;
    }
    return hit;
  });
}
