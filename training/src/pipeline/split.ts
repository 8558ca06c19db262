import { ChurnError } from "@churn/core";
import { type RandomSource, shuffleInPlace } from "../trainer/index.ts";

export interface RowSplit {
  /** Row indices (0-based data rows) used for training, increasing. */
  readonly trainRows: number[];
  /** Row indices of the holdout, increasing. */
  readonly holdoutRows: number[];
}

/**
 * A seeded split that keeps each class's share: from each class, round(share × class size)
 * rows drawn at random go to the holdout.
 */
export function stratifiedSplit(
  labels: ArrayLike<number>,
  holdoutShare: number,
  random: RandomSource,
): RowSplit {
  const isHoldout = new Uint8Array(labels.length);
  for (const label of [0, 1]) {
    const rows: number[] = [];
    for (let row = 0; row < labels.length; row++) if ((labels[row] ?? 0) === label) rows.push(row);
    shuffleInPlace(random, rows);
    const holdoutCount = Math.round(holdoutShare * rows.length);
    for (const row of rows.slice(0, holdoutCount)) isHoldout[row] = 1;
  }
  return splitByFlags(isHoldout);
}

/**
 * The split given by explicit holdout row indices (0-based data rows, as pandas numbers them);
 * throws `training.bad_holdout` for an index outside the file or a repeated one.
 */
export function explicitSplit(rowCount: number, holdoutRows: readonly number[]): RowSplit {
  const isHoldout = new Uint8Array(rowCount);
  for (const row of holdoutRows) {
    if (!Number.isInteger(row) || row < 0 || row >= rowCount) {
      throw new ChurnError(
        "training.bad_holdout",
        `Holdout row ${row} is outside the file's ${rowCount} data rows; give 0-based data-row indices.`,
        { context: { row, rowCount } },
      );
    }
    if (isHoldout[row] === 1) {
      throw new ChurnError(
        "training.bad_holdout",
        `Holdout row ${row} is listed twice; list each row once.`,
        {
          context: { row },
        },
      );
    }
    isHoldout[row] = 1;
  }
  return splitByFlags(isHoldout);
}

function splitByFlags(isHoldout: Uint8Array): RowSplit {
  const trainRows: number[] = [];
  const holdoutRows: number[] = [];
  isHoldout.forEach((flag, row) => {
    (flag === 1 ? holdoutRows : trainRows).push(row);
  });
  return { trainRows, holdoutRows };
}

/**
 * The original platform's holdout of customer_churn_0.csv: sklearn's
 * train_test_split(test_size=0.2, random_state=42) over its 1,050 rows, as 0-based data-row
 * indices in the order that split draws them (210 rows, 42 of them churners).
 */
export const ORIGINAL_HOLDOUT_ROWS: readonly number[] = [
  352, 689, 485, 388, 31, 442, 198, 425, 107, 714, 552, 675, 158, 475, 423, 1024, 617, 483, 884,
  650, 244, 847, 982, 828, 570, 59, 290, 70, 344, 184, 141, 390, 491, 826, 101, 749, 551, 306, 986,
  321, 799, 730, 677, 653, 76, 192, 86, 458, 1048, 918, 1003, 309, 743, 873, 398, 616, 49, 199, 598,
  969, 882, 428, 497, 603, 10, 888, 670, 937, 928, 557, 636, 833, 371, 834, 582, 333, 945, 210,
  1019, 457, 88, 879, 350, 218, 413, 277, 959, 925, 213, 96, 78, 703, 136, 208, 522, 837, 732, 568,
  260, 467, 39, 30, 697, 451, 54, 23, 1007, 113, 109, 506, 966, 949, 3, 275, 656, 784, 854, 759,
  796, 1028, 394, 486, 614, 877, 174, 917, 58, 265, 63, 789, 261, 100, 1046, 299, 615, 178, 933,
  778, 139, 803, 168, 66, 256, 67, 1027, 12, 531, 319, 984, 866, 576, 334, 286, 911, 323, 890, 536,
  692, 649, 528, 513, 585, 2, 445, 237, 495, 781, 327, 547, 858, 529, 346, 1017, 583, 593, 587, 308,
  1039, 993, 231, 629, 601, 662, 1009, 915, 314, 106, 823, 55, 120, 370, 25, 72, 1020, 44, 296, 328,
  247, 336, 351, 361, 1001, 960, 420, 381, 694, 539, 449, 622, 209,
];
