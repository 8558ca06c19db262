import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ModelDetails } from "../../../components/models/model-details.tsx";
import { ModelTable } from "../../../components/models/model-table.tsx";
import { readModelsPage } from "../../../lib/models.ts";

export const dynamic = "force-dynamic";

type VersionParams = { params: Promise<{ version: string }> };

export async function generateMetadata({ params }: VersionParams): Promise<Metadata> {
  const { version } = await params;
  return { title: `Model version ${version}` };
}

export default async function ModelVersionPage({ params }: VersionParams) {
  const { version } = await params;
  const { models, selected, training, files } = await readModelsPage(version);
  if (selected === undefined) notFound();

  return (
    <>
      <p className="muted">
        <Link href="/models">← Models</Link>
      </p>
      <h1>Models</h1>
      <ModelTable models={models} selected={selected.version} />
      <ModelDetails model={selected} training={training} files={files} />
    </>
  );
}
