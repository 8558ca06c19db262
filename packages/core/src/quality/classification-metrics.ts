import { ChurnError } from "../errors/index.ts";
import { countConfusion, scoreConfusion } from "./confusion.ts";
import { logLoss } from "./log-loss.ts";
import { rankScores } from "./ranking.ts";
import type { ClassificationMetrics } from "./schema.ts";

export interface ClassificationInput {
  /** True classes, 0 or 1 per row. */
  readonly labels: ArrayLike<number>;
  /** The model's probability of class 1 per row, in [0, 1]. */
  readonly probabilities: ArrayLike<number>;
  /** A row is predicted positive when its probability is at least this; default 0.5. */
  readonly threshold?: number;
  /** Points kept on each curve for plotting; default 101. */
  readonly maxCurvePoints?: number;
}

/**
 * Accuracy, precision, recall, F1, ROC AUC, log loss, the four rates, the confusion matrix, class
 * balance and thinned ROC/PR curves, defined as scikit-learn 1.2.1 and Evidently 0.7 define them.
 * Throws `quality.invalid_input` on empty or mismatched arrays, a label other than 0/1, or a
 * probability outside [0, 1].
 */
export function classificationMetrics(input: ClassificationInput): ClassificationMetrics {
  const threshold = input.threshold ?? 0.5;
  checkInput(input.labels, input.probabilities);

  const confusionMatrix = countConfusion(input.labels, input.probabilities, threshold);
  const ranking = rankScores(input.labels, input.probabilities, input.maxCurvePoints ?? 101);
  const positiveCount = confusionMatrix.truePositive + confusionMatrix.falseNegative;
  return {
    rowCount: input.labels.length,
    threshold,
    ...scoreConfusion(confusionMatrix),
    rocAuc: ranking.rocAuc,
    logLoss: logLoss(input.labels, input.probabilities),
    confusionMatrix,
    classBalance: { positiveCount, negativeCount: input.labels.length - positiveCount },
    rocCurve: ranking.rocCurve,
    precisionRecallCurve: ranking.precisionRecallCurve,
  };
}

function checkInput(labels: ArrayLike<number>, probabilities: ArrayLike<number>): void {
  if (labels.length === 0 || labels.length !== probabilities.length) {
    throw new ChurnError(
      "quality.invalid_input",
      `Cannot score ${labels.length} labels against ${probabilities.length} probabilities; pass one probability per labelled row.`,
      { context: { labelCount: labels.length, probabilityCount: probabilities.length } },
    );
  }
  for (let row = 0; row < labels.length; row++) {
    const label = labels[row];
    const probability = probabilities[row] as number;
    if (label !== 0 && label !== 1) {
      throw new ChurnError(
        "quality.invalid_input",
        `Label ${label} at row ${row + 1} is not 0 or 1; drop or fix the row before scoring.`,
        { context: { row: row + 1, label } },
      );
    }
    if (!(probability >= 0 && probability <= 1)) {
      throw new ChurnError(
        "quality.invalid_input",
        `Probability ${probability} at row ${row + 1} is outside [0, 1]; check the predictor output.`,
        { context: { row: row + 1, probability } },
      );
    }
  }
}
