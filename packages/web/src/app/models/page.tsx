import type { Metadata } from "next";
import { ModelDetails } from "../../components/models/model-details.tsx";
import { ModelTable } from "../../components/models/model-table.tsx";
import { readModelsPage } from "../../lib/models.ts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Models" };

export default async function ModelsPage() {
  const { models, selected, training, files } = await readModelsPage();

  return (
    <>
      <h1>Models</h1>
      <p className="lead">
        Registered model versions; runs score with the version their alias names when they start.
      </p>
      {models.length === 0 ? (
        <p className="notice">
          No model version is registered yet: train one with `pnpm churn train`.
        </p>
      ) : (
        <ModelTable models={models} selected={selected?.version} />
      )}
      {selected !== undefined && (
        <ModelDetails model={selected} training={training} files={files} />
      )}
    </>
  );
}
