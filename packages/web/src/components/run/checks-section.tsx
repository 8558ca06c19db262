import {
  formatCount,
  formatDateTime,
  formatDurationMs,
  formatNumber,
  formatShare,
} from "../../lib/format.ts";
import type { RunReportView } from "../../lib/run-report.ts";
import { FlagBadge } from "../status-badge.tsx";

/** Per column: missing values against the reference, values outside its range, new categories. */
export function DataQualitySection({
  columns,
}: {
  readonly columns: RunReportView["dataQuality"];
}) {
  return (
    <>
      <h2>Data quality</h2>
      <div className="table-wrap">
        <table aria-label="Data quality">
          <thead>
            <tr>
              <th>Column</th>
              <th className="num">Missing (cur.)</th>
              <th className="num">Missing (ref.)</th>
              <th>More missing</th>
              <th className="num">Reference range</th>
              <th className="num">Out of range</th>
              <th>Unseen categories</th>
            </tr>
          </thead>
          <tbody>
            {columns.map((column) => (
              <tr key={column.columnName} data-column={column.columnName}>
                <td className="break">{column.columnName}</td>
                <td className="num">
                  {formatCount(column.missingCount)} ({formatShare(column.currentMissingShare)})
                </td>
                <td className="num">{formatShare(column.referenceMissingShare)}</td>
                <td>
                  <FlagBadge isBad={column.hasMissingIncrease} yes="yes" no="no" />
                </td>
                <td className="num">
                  {formatNumber(column.referenceMin)} – {formatNumber(column.referenceMax)}
                </td>
                <td className="num">
                  {formatCount(column.outOfRangeCount)} ({formatShare(column.outOfRangeShare)})
                </td>
                <td className="break">
                  {column.unseenCategories.length === 0
                    ? "–"
                    : `${column.unseenCategories.join(", ")} (${formatCount(column.unseenCategoryRowCount)} rows)`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** The validation verdict, the columns found, missing and unknown, and the first row issues. */
export function ValidationSection({
  validation,
}: {
  readonly validation: NonNullable<RunReportView["validation"]>;
}) {
  const { columns, issues, issueCount } = validation;
  return (
    <>
      <h2>Validation</h2>
      <div className={`verdict ${validation.isValid ? "tone-good" : "tone-warn"}`}>
        <strong>{validation.isValid ? "File accepted" : "File rejected"}</strong>
        {validation.message !== undefined && <div>{validation.message}</div>}
        <div>
          {formatCount(validation.rowCount)} rows, {formatCount(validation.validRowCount)} kept
          {validation.hasTarget ? "" : "; no churn column, so scores are estimated"}.
        </div>
        {columns.missing.length > 0 && <div>Missing columns: {columns.missing.join(", ")}.</div>}
        {columns.unknown.length > 0 && (
          <div>Unknown columns (kept, not judged): {columns.unknown.join(", ")}.</div>
        )}
      </div>
      {issues.length > 0 && (
        <>
          <p className="lead">
            {formatCount(issueCount)} row issue{issueCount === 1 ? "" : "s"}
            {issueCount > issues.length && `, the first ${formatCount(issues.length)} shown`}.
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
                {issues.map((issue) => (
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

/** Each pipeline step and statistic with how long it took. */
export function StepsSection({ steps }: { readonly steps: RunReportView["steps"] }) {
  return (
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
            {steps.map((step, index) => (
              // Steps may repeat (a retried step), so their position is part of the key.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <tr key={index}>
                <td>{step.name}</td>
                <td>{step.startedAt === undefined ? "–" : formatDateTime(step.startedAt)}</td>
                <td className="num">{formatDurationMs(step.durationMs)}</td>
                <td>{step.outcome ?? "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
