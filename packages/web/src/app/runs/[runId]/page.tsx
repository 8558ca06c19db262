import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConfusionMatrix } from "../../../components/charts/confusion-matrix.tsx";
import { CurveChart } from "../../../components/charts/curve-chart.tsx";
import { DistributionChart } from "../../../components/charts/distribution-chart.tsx";
import { FlagBadge, StatusBadge } from "../../../components/status-badge.tsx";
import {
  formatCount,
  formatDateTime,
  formatDriftScore,
  formatDurationMs,
  formatNumber,
  formatScore,
  formatShare,
} from "../../../lib/format.ts";
import { readRunReport } from "../../../lib/run-report.ts";
import { metricLabel } from "../../../lib/scores.ts";
import { getStore } from "../../../lib/store.ts";

export const dynamic = "force-dynamic";

type RunParams = { params: Promise<{ runId: string }> };

export async function generateMetadata({ params }: RunParams): Promise<Metadata> {
  const { runId } = await params;
  return { title: `Run ${runId}` };
}

export default async function RunPage({ params }: RunParams) {
  const { runId } = await params;
  const run = await getStore().getRun(runId);
  if (run === undefined) notFound();
  const report = readRunReport(run.report);
  const durationMs =
    run.finishedAt === null ? undefined : run.finishedAt.getTime() - run.startedAt.getTime();
  const artifactHref = (artifact: string) =>
    `/runs/${encodeURIComponent(run.id)}/files/${artifact}`;

  return (
    <>
      <p className="muted">
        <Link href="/runs">← Runs</Link>
      </p>
      <h1>{run.fileName}</h1>
      <section className="panel">
        <dl className="facts">
          <dt>Status</dt>
          <dd>
            <StatusBadge status={run.status} />
          </dd>
          <dt>Run</dt>
          <dd>
            <code>{run.id}</code>
          </dd>
          <dt>Started</dt>
          <dd>
            {formatDateTime(run.startedAt)}
            {durationMs !== undefined && `, took ${formatDurationMs(durationMs)}`}
          </dd>
          <dt>Model version</dt>
          <dd>
            {run.modelVersion === null ? (
              "–"
            ) : (
              <Link href={`/models/${encodeURIComponent(run.modelVersion)}`}>
                {run.modelVersion}
              </Link>
            )}
            {run.modelAlias !== null && <span className="muted"> (alias {run.modelAlias})</span>}
          </dd>
          <dt>Rows</dt>
          <dd>
            {formatCount(run.rowCount)} read, {formatCount(run.validRowCount)} kept,{" "}
            {formatCount(run.invalidRowCount)} left out
            {run.hasLabels === false && " (no churn labels: scores are estimated)"}
          </dd>
          <dt>Files</dt>
          <dd>
            {run.scoredKey !== null && <a href={artifactHref("scored")}>scored file</a>}
            {run.scoredKey !== null && " · "}
            {run.logKey !== null && <a href={artifactHref("log")}>log</a>}
            {run.reportKey !== null && " · "}
            {run.reportKey !== null && <a href={artifactHref("report")}>report JSON</a>}
          </dd>
          {run.errorMessage !== null && (
            <>
              <dt>Why</dt>
              <dd data-testid="run-error">
                {run.errorMessage} <code>{run.errorCode}</code>
              </dd>
            </>
          )}
        </dl>
      </section>

      {run.status === "processed" && <DriftVerdict run={run} />}
      {run.driftResults.length > 0 && (
        <>
          <h2>Drift by column</h2>
          <div className="table-wrap">
            <table aria-label="Drift by column">
              <thead>
                <tr>
                  <th>Column</th>
                  <th>Kind</th>
                  <th>Test</th>
                  <th className="num">Drift score</th>
                  <th className="num">Threshold</th>
                  <th>Drifted</th>
                  <th className="num">Missing (ref. / cur.)</th>
                  <th>Reference against current</th>
                </tr>
              </thead>
              <tbody>
                {run.driftResults.map((row) => {
                  const bins = report.distributions.get(row.columnName);
                  return (
                    <tr
                      key={row.columnName}
                      className={row.isDrifted ? "is-drifted" : undefined}
                      data-column={row.columnName}
                    >
                      <td className="break">{row.columnName}</td>
                      <td>{row.kind}</td>
                      <td>{row.testName}</td>
                      <td className="num" data-field="drift-score">
                        {formatDriftScore(row.driftScore)}
                      </td>
                      <td className="num">{formatDriftScore(row.threshold)}</td>
                      <td>
                        <FlagBadge isBad={row.isDrifted} yes="drifted" no="stable" />
                      </td>
                      <td className="num">
                        {formatCount(row.referenceMissingCount)} /{" "}
                        {formatCount(row.currentMissingCount)}
                      </td>
                      <td>
                        {bins === undefined ? (
                          <span className="muted">–</span>
                        ) : (
                          <DistributionChart
                            label={`Distribution of ${row.columnName}`}
                            bins={bins}
                            firstName="reference"
                            secondName="current"
                            isCompact
                          />
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p className="legend">
            <span className="legend-item series-0">reference</span>
            <span className="legend-item series-1">current</span>
          </p>
        </>
      )}

      {run.metrics.length > 0 && (
        <>
          <h2>Quality{run.hasLabels === false ? " (estimated)" : ""}</h2>
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
                {run.metrics.map((metric) => (
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
        </>
      )}

      {report.quality !== undefined && (
        <div className="grid">
          <section className="panel">
            <h4>Confusion matrix at threshold {formatScore(report.quality.threshold, 2)}</h4>
            <ConfusionMatrix
              counts={{
                truePositives: report.quality.confusionMatrix.truePositive,
                falsePositives: report.quality.confusionMatrix.falsePositive,
                trueNegatives: report.quality.confusionMatrix.trueNegative,
                falseNegatives: report.quality.confusionMatrix.falseNegative,
              }}
            />
          </section>
          <section className="panel">
            <CurveChart
              kind="roc"
              area={report.quality.rocAuc}
              points={report.quality.rocCurve.map((point) => ({
                x: point.falsePositiveRate,
                y: point.truePositiveRate,
              }))}
            />
          </section>
          <section className="panel">
            <CurveChart
              kind="pr"
              baseline={
                report.quality.classBalance.positiveCount / Math.max(1, report.quality.rowCount)
              }
              points={report.quality.precisionRecallCurve.map((point) => ({
                x: point.recall,
                y: point.precision,
              }))}
            />
          </section>
        </div>
      )}

      {run.estimates.length > 0 && (
        <>
          <h2>Label-free estimate</h2>
          <p className="lead">
            What the model's own probabilities predict the scores to be, without looking at the
            labels; far from the measured scores, it means the probabilities are no longer
            calibrated for this data.
          </p>
          <div className="table-wrap">
            <table aria-label="Label-free estimate">
              <thead>
                <tr>
                  <th>Metric</th>
                  <th>Method</th>
                  <th className="num">Estimate</th>
                  <th className="num">Interval</th>
                  <th className="num">Reference</th>
                </tr>
              </thead>
              <tbody>
                {run.estimates.map((estimate) => (
                  <tr key={estimate.name} data-estimate={estimate.name}>
                    <td>{metricLabel(estimate.name)}</td>
                    <td>{estimate.method}</td>
                    <td className="num">{formatScore(estimate.value)}</td>
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
      )}

      {report.dataQuality.length > 0 && (
        <>
          <h2>Data quality</h2>
          <div className="table-wrap">
            <table aria-label="Data quality">
              <thead>
                <tr>
                  <th>Column</th>
                  <th className="num">Missing</th>
                  <th className="num">Out of domain</th>
                  <th className="num">Distinct</th>
                  <th className="num">Min</th>
                  <th className="num">Max</th>
                  <th className="num">Mean</th>
                  <th className="num">Reference mean</th>
                </tr>
              </thead>
              <tbody>
                {report.dataQuality.map((column) => (
                  <tr key={column.columnName}>
                    <td className="break">{column.columnName}</td>
                    <td className="num">
                      {formatCount(column.missingCount)} (
                      {formatShare(column.missingCount / Math.max(1, column.rowCount))})
                    </td>
                    <td className="num">{formatCount(column.outOfDomainCount)}</td>
                    <td className="num">{formatCount(column.distinctCount)}</td>
                    <td className="num">{formatNumber(column.min)}</td>
                    <td className="num">{formatNumber(column.max)}</td>
                    <td className="num">{formatNumber(column.mean)}</td>
                    <td className="num">{formatNumber(column.referenceMean)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}

      {report.validation !== undefined && <Validation validation={report.validation} />}

      {report.steps.length > 0 && (
        <>
          <h2>Steps</h2>
          <div className="table-wrap">
            <table aria-label="Steps">
              <thead>
                <tr>
                  <th>Step</th>
                  <th>Started</th>
                  <th className="num">Duration</th>
                  <th>Outcome</th>
                </tr>
              </thead>
              <tbody>
                {report.steps.map((step) => (
                  <tr key={`${step.name}-${step.startedAt ?? ""}`}>
                    <td>{step.name}</td>
                    <td>{formatDateTime(step.startedAt)}</td>
                    <td className="num">{formatDurationMs(step.durationMs)}</td>
                    <td>{step.outcome ?? "–"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}

      {run.alerts.length > 0 && (
        <>
          <h2>Alerts sent</h2>
          <ul>
            {run.alerts.map((alert) => (
              <li key={alert.kind}>
                <span className="badge tone-bad">{alert.kind}</span> {alert.subject}{" "}
                <span className="muted">({formatDateTime(alert.sentAt)})</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function DriftVerdict({
  run,
}: {
  run: {
    isDatasetDrifted: boolean | null;
    driftedColumnCount: number | null;
    columnCount: number | null;
    driftShare: number | null;
    driftShareThreshold: number | null;
  };
}) {
  const isDrifted = run.isDatasetDrifted === true;
  return (
    <div className={`verdict ${isDrifted ? "tone-bad" : "tone-good"}`} data-testid="drift-verdict">
      <strong>{isDrifted ? "Dataset drift detected" : "No dataset drift"}</strong>
      <div>
        {formatCount(run.driftedColumnCount)} of {formatCount(run.columnCount)} columns drifted (
        {formatShare(run.driftShare)}); the dataset counts as drifted from{" "}
        {formatShare(run.driftShareThreshold)}.
      </div>
    </div>
  );
}

function Validation({
  validation,
}: {
  validation: NonNullable<ReturnType<typeof readRunReport>["validation"]>;
}) {
  return (
    <>
      <h2>Validation</h2>
      <div className={`verdict ${validation.isValid ? "tone-good" : "tone-warn"}`}>
        <strong>{validation.isValid ? "File accepted" : "File rejected"}</strong>
        {validation.message !== undefined && <div>{validation.message}</div>}
        {validation.columns !== undefined && (
          <div>
            {validation.columns.missing.length > 0 &&
              `Missing columns: ${validation.columns.missing.join(", ")}. `}
            {validation.columns.unknown.length > 0 &&
              `Unknown columns (kept, not judged): ${validation.columns.unknown.join(", ")}.`}
          </div>
        )}
      </div>
      {validation.issues.length > 0 && (
        <>
          <p className="lead">
            {formatCount(validation.issueCount)} issue{validation.issueCount === 1 ? "" : "s"}
            {validation.issueCount > validation.issues.length &&
              `, the first ${formatCount(validation.issues.length)} shown`}
            .
          </p>
          <div className="table-wrap">
            <table aria-label="Validation issues">
              <thead>
                <tr>
                  <th className="num">Row</th>
                  <th>Column</th>
                  <th>Value</th>
                  <th>Issue</th>
                </tr>
              </thead>
              <tbody>
                {validation.issues.map((issue) => (
                  <tr key={`${issue.rowNumber}-${issue.column}-${issue.kind}`}>
                    <td className="num">{formatCount(issue.rowNumber)}</td>
                    <td className="break">{issue.column}</td>
                    <td className="break">
                      <code>{issue.value}</code>
                    </td>
                    <td>{issue.kind.replaceAll("_", " ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
