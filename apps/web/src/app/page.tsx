import type { Metadata } from "next";
import { Suspense } from "react";
import { ExperimentsList } from "@/components/experiments/experiments-list";

export const metadata: Metadata = { title: "Experiments" };

export default function ExperimentsPage() {
  return (
    <Suspense fallback={<p className="muted">Loading experiments…</p>}>
      <ExperimentsList />
    </Suspense>
  );
}
