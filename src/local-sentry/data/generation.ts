/**
 * A counter every store mutation bumps (the resources' `store.ts` helpers call
 * {@link storeChanged} first thing in each helper that changes records). Caches of derived
 * values that are costly to check record (for example the issue stream's search results)
 * remember the generation they were computed in and are dropped when it moved. One counter for
 * every `LocalData` in the process: a change anywhere drops them all, which is only ever too
 * careful.
 */
let generation = 0;

/** The current generation. */
export const storeGeneration = (): number => generation;

/** Marks the store changed; call before changing records outside the store helpers too. */
export function storeChanged(): void {
  generation++;
}
