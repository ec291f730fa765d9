/** Time helpers shared by the generator, the wire bodies and the routes. */

export const iso = (ms: number): string => new Date(ms).toISOString();
