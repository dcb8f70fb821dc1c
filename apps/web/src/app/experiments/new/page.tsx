import type { Metadata } from "next";
import { Suspense } from "react";
import { NewExperiment } from "@/components/new-experiment/new-experiment-form";

export const metadata: Metadata = { title: "New experiment" };

export default function NewExperimentPage() {
  return (
    <>
      <h1>New experiment</h1>
      <p className="muted">Every strategy × seed becomes one queued run; workers pick them up in that order.</p>
      <Suspense fallback={<p className="muted">Loading…</p>}>
        <NewExperiment />
      </Suspense>
    </>
  );
}
