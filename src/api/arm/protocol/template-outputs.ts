// A template's outputs, evaluated once the deployment's resources are done: `condition` leaves an
// output out when false, and `copy` ({count, input}) makes it an array, copyIndex() counting the
// iterations (https://learn.microsoft.com/azure/azure-resource-manager/templates/outputs).
import { armTypeName, validationFailed, type Template } from './arm-template.ts';
import { copyCount, copyValues, evaluateValue, type Json, type TemplateScope } from './template-expressions.ts';

export type Outputs = Record<string, { type: string; value: Json }>;

export async function evaluateOutputs(template: Template, scope: TemplateScope): Promise<Outputs> {
  const out: Outputs = {};
  for (const [name, o] of Object.entries(template.outputs ?? {})) {
    const at = `outputs.${name}`;
    if (o.condition !== undefined) {
      const condition = await evaluateValue(o.condition, scope, `${at}.condition`);
      if (typeof condition !== 'boolean') throw validationFailed(`The template output '${name}' has a 'condition' that is not a boolean`);
      if (!condition) continue;
    }
    const copy = o.copy as { count?: unknown; input?: unknown } | undefined;
    if (copy !== undefined) {
      if (copy === null || typeof copy !== 'object' || copy.count === undefined || copy.input === undefined) throw validationFailed(`The template output '${name}' has an invalid copy: it needs a 'count' and an 'input'. Please see https://aka.ms/arm-copy for usage details`);
      const count = await copyCount(copy.count, name, scope);
      out[name] = { type: armTypeName(o.type), value: await copyValues(copy.input, count, { name, resource: true }, scope, at) };
    } else {
      out[name] = { type: armTypeName(o.type), value: await evaluateValue(o.value, scope, at) };
    }
  }
  return out;
}
