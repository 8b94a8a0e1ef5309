import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The layout's boundaries (README "Layout"): a folder says where its code may run. Import cycles, between files
// and between lib/ folders, are checked by scripts/check-layout.ts.
const domains = ["accounts", "changes", "cost", "encryption", "inventory", "kms", "objects", "usage"];
const restricted = {
  serverOnly: [{ group: ["server-only", "@aws-sdk/*", "@smithy/*"], message: "Server code: not in browser code." }],
  browserCode: [
    {
      regex: "^(@/(lib/client|components|app)/|(\\.\\./)+(lib/)?client/|(\\.\\./)+components/)",
      message: "Server code never imports browser code (lib/client, components) or pages.",
    },
  ],
  // lib/http is the web roof (route(), auth, request guards): it sits above the domain modules it calls.
  webRoof: [
    {
      regex: "^(@/lib/http/|(\\.\\./)+(lib/)?http/)",
      message: "lib/http (route(), auth, request guards) is imported by app/ and proxy.ts only.",
    },
  ],
  // lib/runtime is the floor (env, db, process-wide values, concurrency): everything builds on it.
  aboveTheFloor: [
    {
      regex: "^(@/(?!lib/(contracts|runtime)/)|(\\.\\./)+(?!contracts/|runtime/))",
      message: "lib/runtime is the floor: it imports lib/contracts only.",
    },
  ],
  outsideContracts: [
    {
      regex: "^(@/(?!lib/contracts/)|\\.\\./)",
      message: "lib/contracts imports nothing else of ours: it is shared by browser and server code.",
    },
  ],
  serverAndDomains: [
    {
      // A "use server" module is the one server import a client component may have: Next compiles it into a
      // call to the server, so none of its code reaches the browser.
      regex: `^(@/lib/|(\\.\\./)+(lib/)?)(runtime/|http/(?!auth/actions$)|aws/|(${domains.join("|")})/)`,
      message: "Browser code talks to the server through lib/client fetchers and hooks, typed by lib/contracts.",
    },
  ],
};
const restrict = (...groups) => ["error", { patterns: groups.flat() }];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next*/**",
      "node_modules/**",
      ".venv-moto/**",
      "data/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    files: ["lib/**"],
    ignores: ["lib/contracts/**", "lib/client/**", "lib/http/**", "lib/runtime/**"],
    rules: { "no-restricted-imports": restrict(restricted.browserCode, restricted.webRoof) },
  },
  {
    files: ["lib/runtime/**"],
    rules: { "no-restricted-imports": restrict(restricted.aboveTheFloor) },
  },
  {
    files: ["lib/http/**"],
    rules: { "no-restricted-imports": restrict(restricted.browserCode) },
  },
  {
    files: ["lib/contracts/**"],
    rules: { "no-restricted-imports": restrict(restricted.serverOnly, restricted.outsideContracts) },
  },
  {
    files: ["lib/client/**", "components/**"],
    rules: {
      "no-restricted-imports": restrict(restricted.serverOnly, restricted.serverAndDomains),
    },
  },
  {
    files: ["components/**"],
    rules: {
      // Components render and call hooks; requests are lib/client's (one fetcher per endpoint).
      "no-restricted-globals": ["error", { name: "fetch", message: "Call a lib/client hook or fetcher instead." }],
      "no-restricted-properties": [
        "error",
        ...["window", "globalThis", "self"].map((object) => ({
          object,
          property: "fetch",
          message: "Call a lib/client hook or fetcher instead.",
        })),
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "ImportDeclaration[source.value='@/lib/client/fetch-json'] ImportSpecifier[imported.name=/^send/]",
          message: "Writes go through a lib/client mutation hook (one fetcher per endpoint), not sendJson.",
        },
      ],
    },
  },
];

export default config;
