import type { ColumnDriftRow } from "@churn/core/db";
import { formatCount, formatDriftScore, formatShare } from "../../lib/format.ts";
import type { RunReportView } from "../../lib/run-report.ts";
import { DistributionChart } from "../charts/distribution-chart.tsx";
import { FlagBadge } from "../status-badge.tsx";

export interface DriftSummary {
  readonly isDatasetDrifted: boolean | null;
  readonly driftedColumnCount: number | null;
  readonly columnCount: number | null;
  readonly driftShare: number | null;
  readonly driftShareThreshold: number | null;
}

/** The dataset-drift verdict and, per column, the test, its score against the threshold. */
export function DriftSection({
  summary,
  rows,
  report,
}: {
  readonly summary: DriftSummary;
  readonly rows: readonly ColumnDriftRow[];
  readonly report: RunReportView;
}) {
  const isDrifted = summary.isDatasetDrifted === true;
  const untested = [...report.driftColumns.values()].filter((column) => column.score === null);

  return (
    <>
      <div
        className={`verdict ${isDrifted ? "tone-bad" : "tone-good"}`}
        data-testid="drift-verdict"
      >
        <strong>{isDrifted ? "Dataset drift detected" : "No dataset drift"}</strong>
        <div>
          {formatCount(summary.driftedColumnCount)} of {formatCount(summary.columnCount)} columns
          drifted ({formatShare(summary.driftShare)}); the dataset counts as drifted from{" "}
          {formatShare(summary.driftShareThreshold)}.
        </div>
      </div>
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
              <th className="num">Rows (ref. / cur.)</th>
              <th>Reference against current</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const detail = report.driftColumns.get(row.columnName);
              const distribution = detail?.distribution;
              return (
                <tr
                  key={row.columnName}
                  className={row.isDrifted ? "is-drifted" : undefined}
                  data-column={row.columnName}
                >
                  <td className="break">{row.columnName}</td>
                  <td>{row.kind}</td>
                  <td title={detail?.comparison}>
                    {detail?.testDisplayName ?? row.testName}
                    {detail?.isLowConfidence === true && <span className="muted"> (few rows)</span>}
                  </td>
                  <td className="num" data-field="drift-score">
                    {formatDriftScore(row.driftScore)}
                  </td>
                  <td className="num">{formatDriftScore(row.threshold)}</td>
                  <td>
                    <FlagBadge isBad={row.isDrifted} yes="drifted" no="stable" />
                  </td>
                  <td className="num">
                    {formatCount(row.referenceCount)} / {formatCount(row.currentCount)}
                  </td>
                  <td>
                    {distribution === undefined || distribution === null ? (
                      <span className="muted">–</span>
                    ) : (
                      <DistributionChart
                        label={`Distribution of ${row.columnName}`}
                        bins={distribution.labels.map((label, index) => ({
                          label,
                          first: distribution.reference[index] ?? 0,
                          second: distribution.current[index] ?? 0,
                        }))}
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
        <span>p-values drift below their threshold; distances drift at or above it.</span>
      </p>
      {untested.length > 0 && (
        <p className="notice">
          Not tested:{" "}
          {untested
            .map((column) => `${column.columnName} (${column.notTestedReason ?? "no values"})`)
            .join("; ")}
          .
        </p>
      )}
    </>
  );
}
