// The descriptions and defaults of `fastroute start`'s options, straight from the config schema
// (so the help can never disagree with what the schema accepts). Loaded only for `start`: the
// schema pulls in zod and the model's catalogues.
import { defaultOf, describeField } from '../../config/describe.ts';
import type { FieldHelp } from './start.ts';

export const fieldHelp: FieldHelp = (path) => ({ description: describeField(path), default: defaultOf(path) });
