import { CALIBRATION } from "./calibration.ts";
import {
  AGE_BY_AGE_GROUP,
  customerValue,
  GENERATED_COLUMNS,
  type GeneratedColumn,
  type GroupCalibration,
  RAW_HEADERS,
} from "./columns.ts";
import { choleskyOfCorrelation, drawCopula, invertMarginal } from "./copula.ts";
import { shiftLikeDriftedFile } from "./drift.ts";
import { createRandom, type Random } from "./random.ts";

/**
 * What a generated file stands for: the training file; a stable file drawn like it; a drifted
 * file (most features shifted, as customer_churn_2.csv is from customer_churn_0.csv); a degraded
 * file (same features, but churn no longer follows them as it did); an unlabelled file (no churn).
 */
export type ChurnFileKind = "training" | "stable" | "drifted" | "degraded" | "unlabelled";

export const CHURN_FILE_KINDS: readonly ChurnFileKind[] = [
  "training",
  "stable",
  "drifted",
  "degraded",
  "unlabelled",
];

export interface GenerateOptions {
  readonly seed: number;
  /** Data rows; the original files hold 1050 (UCI blocks) or 1000 (synthetic ones). */
  readonly rowCount?: number;
}

export type GeneratedRow = Record<GeneratedColumn, number> & { churn: number };

/**
 * In a degraded file, a customer whose features look like a churner's churns with this
 * probability, where the training file has 1; the others are made up by quiet leavers drawn
 * like loyal customers, so the churn rate and every feature's distribution stay as trained.
 */
export const DEGRADED_CHURN_GIVEN_CHURNER_PROFILE = 0.35;

const DEFAULT_ROW_COUNT = 1050;

const groups = CALIBRATION.groups.map((calibration) => ({
  calibration,
  lower: choleskyOfCorrelation(calibration.correlation),
}));
const calibratedRowCount = CALIBRATION.groups.reduce((sum, group) => sum + group.rowCount, 0);

/** A synthetic churn file in the original raw format (headers with double spaces, LF lines). */
export function generateChurnFile(kind: ChurnFileKind, options: GenerateOptions): string {
  return `${[...generateChurnLines(kind, options)].join("\n")}\n`;
}

/** The same file line by line, header first, for files too large to hold as one string. */
export function* generateChurnLines(
  kind: ChurnFileKind,
  options: GenerateOptions,
): Generator<string> {
  const hasChurn = kind !== "unlabelled";
  yield (hasChurn ? RAW_HEADERS : RAW_HEADERS.slice(0, -1)).join(",");
  for (const row of generateChurnRows(kind, options)) yield formatRow(row, hasChurn);
}

/** The rows of a generated file as numbers, before formatting. */
export function* generateChurnRows(
  kind: ChurnFileKind,
  options: GenerateOptions,
): Generator<GeneratedRow> {
  const random = createRandom(options.seed);
  const rowCount = options.rowCount ?? DEFAULT_ROW_COUNT;
  for (let index = 0; index < rowCount; index += 1) {
    yield drawRow(kind, random);
  }
}

function drawRow(kind: ChurnFileKind, random: Random): GeneratedRow {
  const { calibration, lower } = pickGroup(random);
  const row = drawFeatures(calibration, lower, random);
  const hasChurnerProfile = calibration.churn === 1;
  const churn = kind === "degraded" ? degradedChurn(hasChurnerProfile, random) : hasChurnerProfile;
  const drawn = { ...row, churn: churn ? 1 : 0 };
  return kind === "drifted" ? shiftLikeDriftedFile(drawn, random) : drawn;
}

/** A group with the probability of its share of the calibration rows. */
function pickGroup(random: Random): (typeof groups)[number] {
  let remaining = random.uniform() * calibratedRowCount;
  for (const group of groups) {
    remaining -= group.calibration.rowCount;
    if (remaining < 0) return group;
  }
  return groups[groups.length - 1] ?? missingGroups();
}

function drawFeatures(
  calibration: GroupCalibration,
  lower: readonly (readonly number[])[],
  random: Random,
): Record<GeneratedColumn, number> {
  const uniforms = drawCopula(lower, random);
  const entries = GENERATED_COLUMNS.map((name, index) => [
    name,
    invertMarginal(calibration.marginals[name], uniforms[index] ?? 0.5),
  ]);
  return Object.fromEntries(entries) as Record<GeneratedColumn, number>;
}

function degradedChurn(hasChurnerProfile: boolean, random: Random): boolean {
  const rate = CALIBRATION.churnRate;
  const given = DEGRADED_CHURN_GIVEN_CHURNER_PROFILE;
  // Chosen so that the overall churn rate stays the training file's.
  const quietLeaverRate = (rate * (1 - given)) / (1 - rate);
  return random.uniform() < (hasChurnerProfile ? given : quietLeaverRate);
}

function missingGroups(): never {
  throw new Error("The calibration holds no groups.");
}

function formatRow(row: GeneratedRow, hasChurn: boolean): string {
  const cells = [
    row.call_failure,
    row.complains,
    row.subscription_length,
    row.charge_amount,
    row.seconds_of_use,
    row.frequency_of_use,
    row.frequency_of_sms,
    row.distinct_called_numbers,
    row.age_group,
    row.tariff_plan,
    row.status,
    AGE_BY_AGE_GROUP[row.age_group] ?? 30,
  ].map(String);
  cells.push(formatPythonFloat(customerValue(row)));
  if (hasChurn) cells.push(String(row.churn));
  return cells.join(",");
}

/** A float as Python's repr writes it, which is how the original files hold customer value. */
export function formatPythonFloat(value: number): string {
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}
