import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Churn model evaluation", template: "%s · Churn model evaluation" },
  description: "Runs, drift, quality, trends and model versions of the churn model.",
};

const NAVIGATION = [
  { href: "/runs", label: "Runs" },
  { href: "/trends", label: "Trends" },
  { href: "/models", label: "Models" },
] as const;

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <Link href="/runs" className="site-name">
            Churn model evaluation
          </Link>
          <nav aria-label="Main">
            {NAVIGATION.map((item) => (
              <Link key={item.href} href={item.href}>
                {item.label}
              </Link>
            ))}
          </nav>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
