// The constraints a template declares on a parameter (allowedValues, minValue, maxValue, minLength,
// maxLength), checked on the value given or defaulted, as ARM's validation checks them
// (https://learn.microsoft.com/azure/azure-resource-manager/templates/parameters).
import { CloudError } from '../../../model/errors.ts';
import type { Json } from './template-expressions.ts';

export interface ParameterDeclaration {
  allowedValues?: unknown;
  minValue?: unknown;
  maxValue?: unknown;
  minLength?: unknown;
  maxLength?: unknown;
  [key: string]: unknown;
}

function refused(name: string, why: string): CloudError {
  return new CloudError('azure', 400, 'InvalidTemplate', `Deployment template validation failed: 'The provided value for the template parameter '${name}' is not valid. ${why} Please see https://aka.ms/arm-syntax-parameters for usage details.'.`);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  return JSON.stringify(a) === JSON.stringify(b);
}

export function checkParameter(name: string, decl: ParameterDeclaration, value: Json): void {
  const allowed = decl.allowedValues;
  if (Array.isArray(allowed)) {
    // An array value is allowed when each of its elements is (ARM's rule for array parameters).
    const values = Array.isArray(value) && !allowed.some((a) => Array.isArray(a)) ? value : [value];
    const bad = values.find((v) => !allowed.some((a) => sameValue(a, v)));
    if (bad !== undefined) throw refused(name, `The value '${typeof bad === 'string' ? bad : JSON.stringify(bad)}' is not part of the allowed value(s): '${allowed.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(',')}'.`);
  }
  if (typeof value === 'number') {
    if (typeof decl.minValue === 'number' && value < decl.minValue) throw refused(name, `The value '${value}' is less than the minimum value of '${decl.minValue}'.`);
    if (typeof decl.maxValue === 'number' && value > decl.maxValue) throw refused(name, `The value '${value}' is greater than the maximum value of '${decl.maxValue}'.`);
  }
  if (typeof value === 'string' || Array.isArray(value)) {
    if (typeof decl.minLength === 'number' && value.length < decl.minLength) throw refused(name, `Length of the value should be greater than or equal to '${decl.minLength}'.`);
    if (typeof decl.maxLength === 'number' && value.length > decl.maxLength) throw refused(name, `Length of the value should be less than or equal to '${decl.maxLength}'.`);
  }
}
