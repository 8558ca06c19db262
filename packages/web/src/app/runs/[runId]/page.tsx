import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import {
  DataQualitySection,
  StepsSection,
  ValidationSection,
} from "../../../components/run/checks-section.tsx";
import { DriftSection } from "../../../components/run/drift-section.tsx";
import { EstimateSection, QualitySection } from "../../../components/run/quality-section.tsx";
import { StatusBadge } from "../../../components/status-badge.tsx";
import { formatCount, formatDateTime, formatDurationMs } from "../../../lib/format.ts";
import { readRunReport } from "../../../lib/run-report.ts";
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
  const files = [
    { artifact: "scored", key: run.scoredKey, label: "scored file" },
    { artifact: "log", key: run.logKey, label: "log" },
    { artifact: "report", key: run.reportKey, label: "report JSON" },
  ].flatMap((file) => (file.key === null ? [] : [{ ...file, key: file.key }]));

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
          <dd className="links">
            {files.length === 0 && "–"}
            {files.map((file) => (
              <a key={file.artifact} href={artifactHref(file.artifact)} title={file.key}>
                {file.label}
              </a>
            ))}
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

      {run.driftResults.length > 0 && (
        <DriftSection summary={run} rows={run.driftResults} report={report} />
      )}
      {run.metrics.length > 0 && (
        <QualitySection metrics={run.metrics} report={report} hasLabels={run.hasLabels} />
      )}
      {run.estimates.length > 0 && <EstimateSection estimates={run.estimates} />}
      {report.dataQuality.length > 0 && <DataQualitySection columns={report.dataQuality} />}
      {report.validation !== undefined && <ValidationSection validation={report.validation} />}
      {report.steps.length > 0 && <StepsSection steps={report.steps} />}
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
