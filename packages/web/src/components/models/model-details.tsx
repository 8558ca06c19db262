import type { ModelVersionRow, TrainingRunDetail } from "@churn/core/db";
import {
  formatCount,
  formatDateTime,
  formatDurationMs,
  formatNumber,
  formatScore,
} from "../../lib/format.ts";
import type { ModelFiles } from "../../lib/model-files.ts";
import { readModelScores } from "../../lib/model-view.ts";
import { metricLabel } from "../../lib/scores.ts";
import { BarList } from "../charts/bar-list.tsx";
import { DistributionChart } from "../charts/distribution-chart.tsx";
import { LineChart } from "../charts/line-chart.tsx";

const METRIC_ORDER = ["accuracy", "precision", "recall", "f1", "rocAuc", "logLoss"];

/** Everything known about one model version: its training, scores, explanation and data. */
export function ModelDetails({
  model,
  training,
  files,
}: {
  readonly model: ModelVersionRow;
  readonly training: TrainingRunDetail | undefined;
  readonly files: ModelFiles | undefined;
}) {
  const view = readModelScores(model.metrics);
  const shapImportance = files?.shapImportance ?? [];
  const profile = files?.profile ?? [];
  const metricNames = METRIC_ORDER.filter(
    (name) => view.train[name] !== undefined || view.holdout[name] !== undefined,
  );
  const trials = [...(training?.trials ?? [])].sort((a, b) => b.score - a.score);
  const bestTrialNumber = trials[0]?.trialNumber;
  const fingerprint = model.dataFingerprint ?? undefined;

  return (
    <section aria-label={`Model version ${model.version}`} data-version={model.version}>
      <h2>
        Model version {model.version}{" "}
        {model.aliases.map((alias) => (
          <span key={alias} className="badge tone-good">
            {alias}
          </span>
        ))}
      </h2>
      <div className="grid">
        <section className="panel">
          <h3>Version</h3>
          <dl className="facts">
            <dt>Created</dt>
            <dd>{formatDateTime(model.createdAt)}</dd>
            <dt>Decision threshold</dt>
            <dd>{formatScore(model.decisionThreshold, 2)}</dd>
            <dt>Features</dt>
            <dd>{formatCount(model.featureNames.length)}</dd>
            <dt>Model files</dt>
            <dd>
              <code>{model.modelKey}</code>
            </dd>
            {fingerprint !== undefined && (
              <>
                <dt>Training data</dt>
                <dd>
                  <code>{fingerprint.slice(0, 16)}</code>
                </dd>
              </>
            )}
            {training !== undefined && (
              <>
                <dt>Rows</dt>
                <dd>
                  {formatCount(training.trainRowCount)} train,{" "}
                  {formatCount(training.holdoutRowCount)} holdout
                </dd>
                <dt>Training took</dt>
                <dd>{formatDurationMs(training.durationMs)}</dd>
              </>
            )}
          </dl>
        </section>
        <section className="panel">
          <h3>Parameters</h3>
          <table aria-label="Parameters">
            <tbody>
              {Object.entries(model.params).map(([name, value]) => (
                <tr key={name}>
                  <th scope="row">{name}</th>
                  <td className="num">
                    {typeof value === "number" ? formatNumber(value) : String(value)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="panel">
          <h3>Train and holdout</h3>
          {metricNames.length === 0 ? (
            <p className="muted">This version's record carries no metrics.</p>
          ) : (
            <table aria-label="Train and holdout metrics">
              <thead>
                <tr>
                  <th>Metric</th>
                  <th className="num">Train</th>
                  <th className="num">Holdout</th>
                </tr>
              </thead>
              <tbody>
                {metricNames.map((name) => (
                  <tr key={name} data-metric={name}>
                    <td>{metricLabel(name)}</td>
                    <td className="num" data-field="train">
                      {formatScore(view.train[name])}
                    </td>
                    <td className="num" data-field="holdout">
                      {formatScore(view.holdout[name])}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>

      <div className="grid-wide">
        <section className="panel">
          <h3>SHAP importance</h3>
          <p className="lead">Mean absolute SHAP value per feature on the holdout rows.</p>
          {shapImportance.length === 0 ? (
            <p className="muted">
              The site found no metadata of this version in the registry (see docs/web.md).
            </p>
          ) : (
            <BarList
              label="SHAP importance"
              items={shapImportance.map((row) => ({ label: row.feature, value: row.value }))}
              formatValue={(value) => formatScore(value)}
            />
          )}
        </section>
        <section className="panel">
          <h3>Tuning trials</h3>
          {trials.length === 0 ? (
            <p className="muted">No tuning trials are recorded for this version.</p>
          ) : (
            <>
              <LineChart
                label="Tuning score by trial"
                xKind="number"
                height={160}
                series={[
                  {
                    name: training?.objectiveName ?? "score",
                    points: [...trials]
                      .sort((a, b) => a.trialNumber - b.trialNumber)
                      .map((trial) => ({ x: trial.trialNumber, y: trial.score })),
                  },
                ]}
                xTitle="trial"
                yTitle={training?.objectiveName ?? "score"}
                formatY={(value) => formatScore(value, 2)}
              />
              <div className="table-wrap">
                <table aria-label="Tuning trials">
                  <thead>
                    <tr>
                      <th className="num">Trial</th>
                      <th className="num">Score</th>
                      <th className="num">± std</th>
                      <th className="num">Took</th>
                      <th>Parameters</th>
                    </tr>
                  </thead>
                  <tbody>
                    {trials.map((trial) => (
                      <tr
                        key={trial.trialNumber}
                        className={trial.trialNumber === bestTrialNumber ? "is-best" : undefined}
                      >
                        <td className="num">{trial.trialNumber}</td>
                        <td className="num">{formatScore(trial.score, 4)}</td>
                        <td className="num">{formatScore(trial.scoreStd, 4)}</td>
                        <td className="num">{formatDurationMs(trial.durationMs)}</td>
                        <td className="params">
                          {Object.entries(trial.params)
                            .map(([name, value]) => `${name}=${String(value)}`)
                            .join(", ")}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </section>
      </div>

      <h3>Data by churn class</h3>
      {profile.length === 0 ? (
        <p className="muted">
          The site found no reference rows of this version in the registry (see docs/web.md).
        </p>
      ) : (
        <p className="lead">
          Each feature for customers who stayed and those who churned, over the version's{" "}
          {formatCount(files?.profileRowCount)} reference rows: the holdout part of the training
          file, which the model never trained on.
        </p>
      )}
      {profile.length > 0 && (
        <div className="grid">
          {profile.map((column) => (
            <section key={column.columnName} className="panel">
              <h4 className="break">{column.columnName}</h4>
              <DistributionChart
                label={`Distribution of ${column.columnName} by churn class`}
                bins={column.bins}
                firstName="stayed"
                secondName="churned"
              />
            </section>
          ))}
        </div>
      )}
    </section>
  );
}
