import type { Metadata } from "next";
import { Suspense } from "react";
import { WorkersView } from "@/components/workers/workers-view";

export const metadata: Metadata = { title: "Workers" };

export default function WorkersPage() {
  return (
    <Suspense fallback={<p className="muted">Loading workers…</p>}>
      <WorkersView />
    </Suspense>
  );
}
