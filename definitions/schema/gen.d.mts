/** The definition JSON Schema as built by gen.mjs. */
export declare const schema: Record<string, unknown>;
