import type { Metadata } from "next";
import type { ReactNode } from "react";
import { ConsoleHeader } from "@/components/shell/console-header";
import { ConnectionBanner } from "@/components/shell/connection-banner";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Bucket Key Console", template: "%s · Bucket Key Console" },
  description: "S3 default encryption and Bucket Key posture, KMS request costs, and safe fixes.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>
          <a
            href="#main"
            className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
          >
            Skip to content
          </a>
          <ConsoleHeader />
          <ConnectionBanner />
          <main id="main" className="mx-auto max-w-7xl px-6 py-6">
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}
