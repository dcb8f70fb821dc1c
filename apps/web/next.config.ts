import type { NextConfig } from "next";

const config: NextConfig = {
  // Workspace packages export TypeScript source (docs/architecture.md); Next compiles the ones we import.
  transpilePackages: ["@orderbench/core"],
  reactStrictMode: true,
  poweredByHeader: false,
};

export default config;
