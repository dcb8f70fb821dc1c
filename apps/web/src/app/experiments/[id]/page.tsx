import type { Metadata } from "next";
import { Suspense } from "react";
import { ExperimentView } from "@/components/experiment/experiment-view";

export const metadata: Metadata = { title: "Experiment" };

export default async function ExperimentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <Suspense fallback={<p className="muted">Loading experiment…</p>}>
      <ExperimentView id={id} />
    </Suspense>
  );
}
