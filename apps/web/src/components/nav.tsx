"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/", label: "Experiments", active: (p: string) => p === "/" || (p.startsWith("/experiments/") && p !== "/experiments/new") || p.startsWith("/runs/") },
  { href: "/experiments/new", label: "New experiment", active: (p: string) => p === "/experiments/new" },
  { href: "/compare", label: "Compare", active: (p: string) => p.startsWith("/compare") },
  { href: "/leaderboard", label: "Leaderboard", active: (p: string) => p.startsWith("/leaderboard") },
  { href: "/workers", label: "Workers", active: (p: string) => p.startsWith("/workers") },
];

export function Nav() {
  const path = usePathname();
  return (
    <nav aria-label="Main">
      <ul>
        {LINKS.map((l) => (
          <li key={l.href}>
            <Link href={l.href} aria-current={l.active(path) ? "page" : undefined}>
              {l.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
