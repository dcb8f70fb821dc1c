import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { ConnectionBanner } from "@/components/connection-banner";
import { Nav } from "@/components/nav";
import { ApiKeySettings } from "@/components/settings/api-key-settings";
import { serverEnv } from "@/env";
import { ApiProvider } from "@/urql/provider";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "orderbench", template: "%s · orderbench" },
  description: "Train language models with target tokens ordered by mutual information; watch, compare, rank.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Rendered per request, so the API address comes from the server's environment, not from the build.
  await connection();
  const env = serverEnv();
  return (
    <html lang="en">
      <body>
        <ApiProvider apiUrl={env.apiUrl} wsUrl={env.wsUrl}>
          <a className="skip" href="#main">
            Skip to content
          </a>
          <header className="top">
            <Link className="brand" href="/">
              orderbench
            </Link>
            <Nav />
            <span className="spacer" />
            <ApiKeySettings />
          </header>
          <ConnectionBanner />
          <main id="main">{children}</main>
        </ApiProvider>
      </body>
    </html>
  );
}
