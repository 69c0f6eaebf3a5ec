// Body fields shared by OCI's create/update details models (wire names from api-shapes §1.6).
// Required fields are optional here on purpose: the lifecycle layer answers MissingParameter
// naming them, as OCI does, while the shape check answers CannotParseRequest.
import { z } from 'zod';

export const freeformTags = z.record(z.string(), z.string());
export const definedTags = z.record(z.string(), z.record(z.string(), z.unknown()));

export const commonFields = {
  compartmentId: z.string().optional(),
  displayName: z.string().optional(),
  freeformTags: freeformTags.optional(),
  definedTags: definedTags.optional(),
};

export const nameAndTags = {
  displayName: z.string().optional(),
  freeformTags: freeformTags.optional(),
  definedTags: definedTags.optional(),
};

/** Port ranges, ICMP options and rule options, shared by security lists and NSG rules. */
export const portRange = z.strictObject({ min: z.number().int(), max: z.number().int() });
export const portOptions = z.strictObject({ destinationPortRange: portRange.optional(), sourcePortRange: portRange.optional() });
export const icmpOptions = z.strictObject({ type: z.number().int(), code: z.number().int().optional() });
