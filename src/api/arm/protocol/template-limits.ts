// ARM's documented template limits (https://learn.microsoft.com/azure/azure-resource-manager/templates/best-practices#template-limits
// and .../troubleshooting/error-job-size-exceeded): the template, "after it has been expanded with ... values
// for variables and parameters", is at most 4 MB; 256 parameters, 512 variables, 800 resources, 64 outputs,
// 24,576 characters in a template expression. Bounding what evaluation produces keeps a small template
// that doubles a string through nested concat() from growing without end.
import { CloudError } from '../../../model/errors.ts';
import type { Json } from './template-expressions.ts';

export const TEMPLATE_LIMITS = {
  /** Characters the deployment's expressions may produce in all (the 4 MB expanded-template limit). */
  evaluatedChars: 4 * 1024 * 1024,
  parameters: 256,
  variables: 512,
  resources: 800,
  outputs: 64,
  expressionChars: 24_576,
  /** Evaluations of lambda bodies in one deployment: FastRoute's bound (ARM documents none), so nested lambdas over large arrays end. */
  lambdaEvaluations: 1_000_000,
} as const;

/** ARM's code for a deployment over its size limits (JobSizeExceededException / DeploymentJobSizeExceededException). */
function jobSizeExceeded(detail: string): CloudError {
  return new CloudError('azure', 400, 'DeploymentJobSizeExceeded', `The deployment exceeded the template size limit: ${detail}. Please see https://aka.ms/arm-template-limits for usage details.`);
}

function sizeOf(value: Json): number {
  return typeof value === 'string' ? value.length : JSON.stringify(value).length;
}

/** Stops summing once past the limit, so a huge argument list is not measured in full. */
function sizeOfAll(values: readonly Json[], limit: number): number {
  let total = 0;
  for (const v of values) {
    total += sizeOf(v);
    if (total > limit) break;
  }
  return total;
}

/** What one deployment's expression evaluation has produced so far; refuses growth past the limit. */
export class EvaluationBudget {
  private used = 0;
  private steps = 0;
  /** Everything charged, including what reduce() later discards: bounds the work, as `used` bounds the result. */
  private work = 0;

  constructor(readonly limit: number = TEMPLATE_LIMITS.evaluatedChars, readonly stepLimit: number = TEMPLATE_LIMITS.lambdaEvaluations) {}

  /** Counts one evaluation of a lambda body (what a result's size cannot bound: filter, reduce, sort). */
  step(fn: string): void {
    if (++this.steps > this.stepLimit) {
      throw new CloudError('azure', 400, 'InvalidTemplate', `Deployment template language expression evaluation failed: 'The template function '${fn}' would evaluate lambda expressions more than ${this.stepLimit} times in this deployment, FastRoute's limit'. Please see https://aka.ms/arm-template-expressions for usage details.`);
    }
  }

  /** Counts the size of a function's result (the sum of its arguments, measured before it is built). */
  charge(fn: string, parts: readonly Json[]): void {
    this.chargeChars(fn, sizeOfAll(parts, this.limit));
  }

  /** Counts a result whose size is known from its arguments (padLeft's length, range's count). */
  chargeChars(fn: string, size: number): void {
    this.used += size;
    this.work += size;
    if (this.used > this.limit) {
      throw jobSizeExceeded(`the template function '${fn}' would produce ${size} characters, bringing the evaluated template to ${this.used} characters; the limit is ${this.limit}`);
    }
    if (this.work > this.limit * WORK_FACTOR) {
      throw jobSizeExceeded(`the template function '${fn}' would bring the characters produced and discarded by reduce() to ${this.work}; FastRoute's limit is ${this.limit * WORK_FACTOR}`);
    }
  }

  /** Where the count stands, for reduce() to discard what its intermediate accumulators were charged. */
  mark(): number {
    return this.used;
  }

  /** reduce() keeps only its latest accumulator: what was charged since `mark` is replaced by that value's size. */
  settle(fn: string, mark: number, value: Json): void {
    const size = sizeOf(value);
    this.used = mark;
    this.chargeChars(fn, size);
  }
}

/** How many times the limit reduce() may produce and discard in all (FastRoute's bound on the work; ARM documents none). */
const WORK_FACTOR = 32;
