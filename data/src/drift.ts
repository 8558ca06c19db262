import type { GeneratedRow } from "./generate.ts";
import type { Random } from "./random.ts";

// Offsets measured between customer_churn_0.csv and customer_churn_2.csv, whose rows are the
// same customers: every shifted count moves by a near-constant step, zeros mostly stay put.
const SUBSCRIPTION_MONTHS_ADDED = 2;
const CALL_FAILURES_ADDED = 5;
const SECONDS_ADDED = 305;
const CALLS_ADDED = 6;
const SMS_ADDED = 7;
const DISTINCT_NUMBERS_ADDED = 2;
/** Share of rows whose charge amount goes up one band (712 of 1050). */
const CHARGE_RAISE_SHARE = 712 / 1050;
/** Share of rows that move up one age group (256 of 1050). */
const AGE_GROUP_RAISE_SHARE = 256 / 1050;
/** Share of silent customers (no SMS) who start sending some (174 of 223). */
const SMS_START_SHARE = 174 / 223;

/** A row shifted the way the original drifted file is shifted from the training file. */
export function shiftLikeDriftedFile(row: GeneratedRow, random: Random): GeneratedRow {
  const isSilent = row.seconds_of_use === 0;
  const startsCalling = isSilent && random.uniform() < 0.5;
  const isActive = !isSilent || startsCalling;

  return {
    ...row,
    subscription_length: row.subscription_length + SUBSCRIPTION_MONTHS_ADDED,
    call_failure: row.call_failure > 0 ? row.call_failure + CALL_FAILURES_ADDED : random.integer(5),
    charge_amount:
      random.uniform() < CHARGE_RAISE_SHARE
        ? Math.min(row.charge_amount + 1, 10)
        : row.charge_amount,
    seconds_of_use: isSilent
      ? startsCalling
        ? 200 + random.integer(260)
        : 0
      : row.seconds_of_use + SECONDS_ADDED,
    frequency_of_use: isActive ? row.frequency_of_use + CALLS_ADDED : row.frequency_of_use,
    frequency_of_sms:
      row.frequency_of_sms > 0 || random.uniform() < SMS_START_SHARE
        ? row.frequency_of_sms + SMS_ADDED
        : 0,
    distinct_called_numbers: isActive
      ? row.distinct_called_numbers + DISTINCT_NUMBERS_ADDED
      : row.distinct_called_numbers,
    age_group:
      row.age_group < 5 && random.uniform() < AGE_GROUP_RAISE_SHARE
        ? row.age_group + 1
        : row.age_group,
  };
}
