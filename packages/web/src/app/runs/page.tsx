import { RUN_STATUSES } from "@churn/core/db";
import type { Metadata } from "next";
import Link from "next/link";
import { Pager } from "../../components/pager.tsx";
import { StatusBadge } from "../../components/status-badge.tsx";
import { scoreTone } from "../../lib/bands.ts";
import { getDatabase } from "../../lib/db.ts";
import { formatCount, formatDateTime, formatScore, formatShare } from "../../lib/format.ts";
import { readRunFigures } from "../../lib/run-figures.ts";
import { WATCHED_SCORES } from "../../lib/scores.ts";
import {
  parseChoice,
  parsePageNumber,
  type SearchParams,
  toQueryString,
} from "../../lib/search-params.ts";
import { getStore } from "../../lib/store.ts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Runs" };

const PAGE_SIZE = 25;

export default async function RunsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const status = parseChoice(params, "status", RUN_STATUSES);
  const page = parsePageNumber(params);

  const { runs, totalCount } = await getStore().listRuns({
    ...(status === undefined ? {} : { status }),
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const figuresOf = await readRunFigures(
    getDatabase(),
    runs.map((run) => run.id),
  );
  const hrefFor = (target: { status?: string | undefined; page?: number }) =>
    `/runs${toQueryString({ status: target.status, page: target.page === 1 ? undefined : target.page })}`;

  return (
    <>
      <h1>Runs</h1>
      <p className="lead">
        One run per file dropped into the bucket, newest first: how the file was judged against the
        model version it was scored with.
      </p>
      <nav className="filters" aria-label="Filter by status">
        <Link
          className="filter"
          href={hrefFor({})}
          aria-current={status === undefined ? "page" : undefined}
        >
          all
        </Link>
        {RUN_STATUSES.map((choice) => (
          <Link
            key={choice}
            className="filter"
            href={hrefFor({ status: choice })}
            aria-current={status === choice ? "page" : undefined}
          >
            {choice}
          </Link>
        ))}
      </nav>
      <div className="table-wrap">
        <table aria-label="Runs">
          <thead>
            <tr>
              <th>Started (UTC)</th>
              <th>Status</th>
              <th>File</th>
              <th>Model</th>
              <th className="num">Rows</th>
              <th className="num">Drifted</th>
              {WATCHED_SCORES.map((score) => (
                <th key={score.name} className="num">
                  {score.label}
                </th>
              ))}
              <th>Alerts</th>
            </tr>
          </thead>
          <tbody>
            {runs.length === 0 && (
              <tr>
                <td colSpan={6 + WATCHED_SCORES.length} className="muted">
                  No runs{status === undefined ? "" : ` with status ${status}`} yet. Drop a CSV file
                  into data/input/ to start one.
                </td>
              </tr>
            )}
            {runs.map((run) => {
              const figures = figuresOf(run.id);
              return (
                <tr key={run.id} data-run-id={run.id}>
                  <td className="num">{formatDateTime(run.startedAt, false)}</td>
                  <td>
                    <StatusBadge status={run.status} />
                  </td>
                  <td className="file-cell">
                    <Link href={`/runs/${encodeURIComponent(run.id)}`} prefetch={false}>
                      {run.fileName}
                    </Link>
                  </td>
                  <td>{run.modelVersion ?? "–"}</td>
                  <td className="num">{formatCount(run.rowCount)}</td>
                  <td className="num">
                    {run.columnCount === null ? (
                      "–"
                    ) : (
                      <span className={run.isDatasetDrifted === true ? "badge tone-bad" : ""}>
                        {formatCount(run.driftedColumnCount)}/{formatCount(run.columnCount)} ·{" "}
                        {formatShare(run.driftShare)}
                      </span>
                    )}
                  </td>
                  {WATCHED_SCORES.map((score) => {
                    const figure = figures.scores.get(score.name);
                    const value = figure?.value;
                    const tone = scoreTone(value);
                    const toneClass =
                      tone === "good" || tone === undefined ? "" : `badge tone-${tone}`;
                    return (
                      <td key={score.name} className="num" data-score={score.name}>
                        <span
                          className={
                            figure?.isEstimated === true ? `${toneClass} estimated` : toneClass
                          }
                          title={
                            figure?.isEstimated === true ? "estimated without labels" : undefined
                          }
                        >
                          {formatScore(value)}
                        </span>
                      </td>
                    );
                  })}
                  <td>
                    {figures.alertKinds.map((kind) => (
                      <span key={kind} className="badge tone-bad">
                        {kind}
                      </span>
                    ))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Pager
        page={page}
        pageSize={PAGE_SIZE}
        totalCount={totalCount}
        hrefFor={(target) => hrefFor({ status, page: target })}
      />
    </>
  );
}
