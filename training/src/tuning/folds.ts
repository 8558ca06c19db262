import { type RandomSource, shuffleInPlace } from "../trainer/index.ts";

/**
 * Assigns each row to one of `foldCount` folds so that every fold holds the same share of each
 * class (within one row), after shuffling each class with `random`.
 */
export function stratifiedFolds(
  labels: ArrayLike<number>,
  foldCount: number,
  random: RandomSource,
): Uint8Array {
  const folds = new Uint8Array(labels.length);
  let next = 0;
  for (const label of [0, 1]) {
    const rows = Uint32Array.from(indicesWhere(labels, label));
    shuffleInPlace(random, rows);
    // Continuing the round-robin across classes keeps the fold sizes within one row.
    for (const row of rows) {
      folds[row] = next;
      next = (next + 1) % foldCount;
    }
  }
  return folds;
}

function* indicesWhere(labels: ArrayLike<number>, label: number): Generator<number> {
  for (let row = 0; row < labels.length; row++) if ((labels[row] ?? 0) === label) yield row;
}

/** Rows of a fold assignment, split into those in `fold` and the rest, each increasing. */
export function foldRows(
  folds: Uint8Array,
  fold: number,
): { inFold: number[]; outOfFold: number[] } {
  const inFold: number[] = [];
  const outOfFold: number[] = [];
  folds.forEach((assigned, row) => {
    (assigned === fold ? inFold : outOfFold).push(row);
  });
  return { inFold, outOfFold };
}
