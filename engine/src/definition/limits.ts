/** Input limits: a definition bigger or deeper than this is refused before anything else runs. */
export const definitionLimits = {
  maxBytes: 2 * 1024 * 1024,
  maxDepth: 64,
  maxNodes: 200_000,
  maxYamlAliases: 100,
} as const;

/** Depth and node count of a parsed JSON value, stopping early past the limits (iterative: no stack overflow). */
export function measure(value: unknown, limits = definitionLimits): { depth: number; nodes: number; exceeded?: 'depth' | 'nodes' } {
  const stack: Array<[unknown, number]> = [[value, 1]];
  let nodes = 0;
  let depth = 0;
  while (stack.length) {
    const [v, d] = stack.pop()!;
    nodes++;
    if (d > depth) depth = d;
    if (depth > limits.maxDepth) return { depth, nodes, exceeded: 'depth' };
    if (nodes > limits.maxNodes) return { depth, nodes, exceeded: 'nodes' };
    if (v && typeof v === 'object') for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return { depth, nodes };
}
