import type { ModelVersionRow } from "@churn/core/db";
import Link from "next/link";
import { formatCount, formatDateTime, formatScore } from "../../lib/format.ts";
import { readModelScores } from "../../lib/model-view.ts";

/** Every model version, newest first, with its aliases and holdout scores. */
export function ModelTable({
  models,
  selected,
}: {
  readonly models: readonly ModelVersionRow[];
  readonly selected: string | undefined;
}) {
  return (
    <div className="table-wrap">
      <table aria-label="Model versions">
        <thead>
          <tr>
            <th>Version</th>
            <th>Aliases</th>
            <th>Created</th>
            <th className="num">Features</th>
            <th className="num">Threshold</th>
            <th className="num">Holdout F1</th>
            <th className="num">Holdout ROC AUC</th>
          </tr>
        </thead>
        <tbody>
          {models.map((model) => {
            const view = readModelScores(model.metrics);
            return (
              <tr
                key={model.version}
                aria-current={model.version === selected ? "true" : undefined}
              >
                <td>
                  <Link href={`/models/${encodeURIComponent(model.version)}`}>{model.version}</Link>
                </td>
                <td>
                  {model.aliases.map((alias) => (
                    <span key={alias} className="badge tone-good">
                      {alias}
                    </span>
                  ))}
                </td>
                <td>{formatDateTime(model.createdAt)}</td>
                <td className="num">{formatCount(model.featureNames.length)}</td>
                <td className="num">{formatScore(model.decisionThreshold, 2)}</td>
                <td className="num">{formatScore(view.holdout.f1)}</td>
                <td className="num">{formatScore(view.holdout.rocAuc)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
