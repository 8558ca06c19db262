import type { EstimateRow, MetricRow } from "@churn/core/db";
import { formatScore } from "../../lib/format.ts";
import type { RunReportView } from "../../lib/run-report.ts";
import { metricLabel } from "../../lib/scores.ts";
import { ConfusionMatrix } from "../charts/confusion-matrix.tsx";
import { CurveChart } from "../charts/curve-chart.tsx";
import { FlagBadge } from "../status-badge.tsx";

/** The run's scores against the reference and the thresholds, with matrix and curves. */
export function QualitySection({
  metrics,
  report,
  hasLabels,
}: {
  readonly metrics: readonly MetricRow[];
  readonly report: RunReportView;
  readonly hasLabels: boolean | null;
}) {
  const quality = report.quality;
  return (
    <>
      <h2>Quality{hasLabels === false ? " (estimated: the file has no churn labels)" : ""}</h2>
      <div className="table-wrap">
        <table aria-label="Quality">
          <thead>
            <tr>
              <th>Metric</th>
              <th className="num">This file</th>
              <th className="num">Reference</th>
              <th className="num">Threshold</th>
              <th>Verdict</th>
            </tr>
          </thead>
          <tbody>
            {metrics.map((metric) => (
              <tr key={metric.name} data-metric={metric.name}>
                <td>
                  {metricLabel(metric.name)}
                  {metric.isEstimated && <span className="muted"> (estimated)</span>}
                </td>
                <td className="num" data-field="value">
                  {formatScore(metric.value)}
                </td>
                <td className="num">{formatScore(metric.referenceValue)}</td>
                <td className="num">{formatScore(metric.threshold)}</td>
                <td>
                  {metric.threshold === null ? (
                    <span className="muted">–</span>
                  ) : (
                    <FlagBadge isBad={metric.isBelowThreshold} yes="below" no="ok" />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {quality !== undefined && (
        <div className="grid">
          <section className="panel">
            <h4>Confusion matrix at threshold {formatScore(quality.threshold, 2)}</h4>
            <ConfusionMatrix
              counts={{
                truePositives: quality.confusionMatrix.truePositive,
                falsePositives: quality.confusionMatrix.falsePositive,
                trueNegatives: quality.confusionMatrix.trueNegative,
                falseNegatives: quality.confusionMatrix.falseNegative,
              }}
            />
          </section>
          <section className="panel">
            <CurveChart
              kind="roc"
              area={quality.rocAuc}
              points={quality.rocCurve.map((point) => ({
                x: point.falsePositiveRate,
                y: point.truePositiveRate,
              }))}
            />
          </section>
          <section className="panel">
            <CurveChart
              kind="pr"
              baseline={quality.classBalance.positiveCount / Math.max(1, quality.rowCount)}
              points={quality.precisionRecallCurve.map((point) => ({
                x: point.recall,
                y: point.precision,
              }))}
            />
          </section>
        </div>
      )}
    </>
  );
}

/** The label-free estimate: what the calibrated probabilities predict the scores to be. */
export function EstimateSection({ estimates }: { readonly estimates: readonly EstimateRow[] }) {
  return (
    <>
      <h2>Label-free estimate</h2>
      <p className="lead">
        What the model's calibrated probabilities predict the scores to be without looking at the
        labels, with an interval of three sampling errors; far from the measured score, it means the
        probabilities no longer fit this data.
      </p>
      <div className="table-wrap">
        <table aria-label="Label-free estimate">
          <thead>
            <tr>
              <th>Metric</th>
              <th>Method</th>
              <th className="num">Estimate</th>
              <th className="num">Interval</th>
              <th className="num">Measured</th>
            </tr>
          </thead>
          <tbody>
            {estimates.map((estimate) => (
              <tr key={estimate.name} data-estimate={estimate.name}>
                <td>{metricLabel(estimate.name)}</td>
                <td>{estimate.method.toUpperCase()}</td>
                <td className="num" data-field="value">
                  {formatScore(estimate.value)}
                </td>
                <td className="num">
                  {estimate.lowerBound === null || estimate.upperBound === null
                    ? "–"
                    : `${formatScore(estimate.lowerBound)} – ${formatScore(estimate.upperBound)}`}
                </td>
                <td className="num">{formatScore(estimate.referenceValue)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
