// ARM paths are case-insensitive in their literal segments and echo the casing of names as sent
// (api-shapes §4.5). Fastify's router cannot do both, so ARM routes are matched here: a pattern
// is the swagger path ("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/..."),
// literals compare without case, {params} capture the segment as sent (percent-decoded).

export interface CompiledPattern {
  pattern: string;
  segments: ({ literal: string } | { param: string })[];
}

export function compilePattern(pattern: string): CompiledPattern {
  const segments = pattern.split('/').filter((s) => s !== '').map((s) => {
    const m = /^\{(\w+)\}$/.exec(s);
    return m?.[1] === undefined ? { literal: s.toLowerCase() } : { param: m[1] };
  });
  return { pattern, segments };
}

/** The path's segments: empty ones dropped (the CLI may send "//metadata"), each percent-decoded. */
export function pathSegments(path: string): string[] | undefined {
  try {
    return path.split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

/** "/a//b": an empty segment between two names (leading slashes are the CLI's, a trailing one is harmless). */
export function hasEmptyInnerSegment(path: string): boolean {
  return /[^/]\/\/+[^/]/.test(path);
}

export function matchPattern(p: CompiledPattern, segments: readonly string[]): Record<string, string> | undefined {
  if (p.segments.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const want = p.segments[i];
    const got = segments[i] ?? '';
    if (want === undefined) return undefined;
    if ('literal' in want) {
      if (want.literal !== got.toLowerCase()) return undefined;
    } else {
      params[want.param] = got;
    }
  }
  return params;
}
