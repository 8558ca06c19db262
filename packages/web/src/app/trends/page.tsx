import type { Metadata } from "next";
import Link from "next/link";
import { LineChart, type LineSeries } from "../../components/charts/line-chart.tsx";
import { ScoreTile } from "../../components/score-tile.tsx";
import { DEFAULT_SCORE_BANDS, scoreBandRanges } from "../../lib/bands.ts";
import {
  formatCount,
  formatDateTime,
  formatDriftScore,
  formatScore,
  formatShare,
} from "../../lib/format.ts";
import { WATCHED_SCORE_NAMES, WATCHED_SCORES } from "../../lib/scores.ts";
import { parseChoice, type SearchParams } from "../../lib/search-params.ts";
import { getStore } from "../../lib/store.ts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Trends" };

/** How many of the newest processed runs the charts cover; the series queries are limited to it. */
const RUN_LIMITS = ["50", "200", "1000"] as const;
const DEFAULT_RUN_LIMIT = "200";

export default async function TrendsPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const params = await searchParams;
  const runLimit = Number(parseChoice(params, "runs", RUN_LIMITS) ?? DEFAULT_RUN_LIMIT);
  const store = getStore();

  const latest = await store.latestScores();
  const scores = await store.scoreSeries({ names: WATCHED_SCORE_NAMES, runLimit });
  const drift = await store.driftSeries({ runLimit });
  const columns = await store.columnDriftSeries({ runLimit });

  const latestByName = new Map(latest.map((point) => [point.name, point]));
  // Each score has its own alert threshold; a score no run has recorded one for takes another's.
  const anyThreshold =
    latest.find((point) => point.threshold !== null)?.threshold ?? DEFAULT_SCORE_BANDS.warnBelow;
  const thresholdOf = (name: string) => latestByName.get(name)?.threshold ?? anyThreshold;
  const shareThreshold = drift.findLast(
    (point) => point.driftShareThreshold !== null,
  )?.driftShareThreshold;
  const columnNames = [...new Set(columns.map((point) => point.columnName))].sort();

  return (
    <>
      <h1>Trends</h1>
      <p className="lead">
        The dashboard of the newest {formatCount(runLimit)} processed runs, oldest on the left.
      </p>
      <nav className="filters" aria-label="How many runs">
        {RUN_LIMITS.map((limit) => (
          <Link
            key={limit}
            className="filter"
            href={`/trends?runs=${limit}`}
            aria-current={Number(limit) === runLimit ? "page" : undefined}
          >
            last {limit} runs
          </Link>
        ))}
      </nav>

      <h2>Latest prediction scores</h2>
      <div className="tiles">
        {WATCHED_SCORES.map((score) => {
          const point = latestByName.get(score.name);
          return (
            <ScoreTile
              key={score.name}
              label={score.label}
              value={point?.value}
              note={
                point === undefined
                  ? "no labelled run yet"
                  : `${point.isEstimated ? "estimated, " : ""}${point.fileName}, ${formatDateTime(point.startedAt)}`
              }
            />
          );
        })}
      </div>

      <h2>Scores over time</h2>
      <div className="grid-wide">
        {WATCHED_SCORES.map((score) => (
          <section key={score.name} className="panel">
            <h3>{score.label} over time</h3>
            <LineChart
              label={`${score.label} over time`}
              xKind="time"
              yDomain={[0, 1]}
              bands={scoreBandRanges()}
              thresholds={[
                {
                  value: thresholdOf(score.name),
                  label: `alert under ${formatScore(thresholdOf(score.name), 2)}`,
                },
              ]}
              series={[
                {
                  name: score.label,
                  points: scores
                    .filter((point) => point.name === score.name)
                    .map((point) => ({
                      x: point.startedAt.getTime(),
                      y: point.value,
                      label: `${formatScore(point.value)} (${point.fileName})`,
                    })),
                },
              ]}
              formatY={(value) => formatScore(value, 1)}
            />
          </section>
        ))}
      </div>

      <h2>Drift summary</h2>
      <div className="grid-wide">
        <section className="panel">
          <h3>Number of drifted columns</h3>
          <LineChart
            label="Number of drifted columns"
            xKind="time"
            series={[
              {
                name: "drifted columns",
                points: drift.flatMap((point) =>
                  point.driftedColumnCount === null
                    ? []
                    : [
                        {
                          x: point.startedAt.getTime(),
                          y: point.driftedColumnCount,
                          label: `${point.driftedColumnCount} of ${formatCount(point.columnCount)} (${point.fileName})`,
                        },
                      ],
                ),
              },
            ]}
            yDomain={[0, Math.max(1, ...drift.map((point) => point.columnCount ?? 0))]}
            formatY={formatCount}
          />
        </section>
        <section className="panel">
          <h3>Drifted column share of total columns</h3>
          <LineChart
            label="Drifted column share"
            xKind="time"
            yDomain={[0, 1]}
            thresholds={
              shareThreshold === undefined || shareThreshold === null
                ? []
                : [
                    {
                      value: shareThreshold,
                      label: `dataset drift at ${formatShare(shareThreshold)}`,
                    },
                  ]
            }
            series={[
              {
                name: "drift share",
                points: drift.flatMap((point) =>
                  point.driftShare === null
                    ? []
                    : [
                        {
                          x: point.startedAt.getTime(),
                          y: point.driftShare,
                          label: `${formatShare(point.driftShare)} (${point.fileName})`,
                        },
                      ],
                ),
              },
            ]}
            formatY={(value) => formatShare(value)}
          />
        </section>
      </div>

      <h2>Drift score of each column</h2>
      <p className="lead">
        p-values drift when they fall under the threshold; distances drift when they reach it.
      </p>
      <div className="grid">
        {columnNames.length === 0 && <p className="muted">No processed run yet.</p>}
        {columnNames.map((columnName) => {
          const points = columns.filter((point) => point.columnName === columnName);
          const last = points.at(-1);
          const series: LineSeries = {
            name: columnName,
            points: points.map((point) => ({
              x: point.startedAt.getTime(),
              y: point.driftScore,
              label: `${formatDriftScore(point.driftScore)} ${point.testName} (${point.fileName})`,
            })),
          };
          return (
            <section key={columnName} className="panel" data-column={columnName}>
              <h3 className="break">{columnName}</h3>
              <h4>{last?.testName}</h4>
              <LineChart
                label={`Drift score of ${columnName}`}
                xKind="time"
                width={400}
                height={180}
                series={[series]}
                thresholds={
                  last === undefined
                    ? []
                    : [
                        {
                          value: last.threshold,
                          label: `threshold ${formatDriftScore(last.threshold)}`,
                        },
                      ]
                }
                formatY={formatDriftScore}
              />
            </section>
          );
        })}
      </div>
    </>
  );
}
