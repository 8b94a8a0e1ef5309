import { expect, test, type Request } from "@playwright/test";

// What the bucket table asks the server for. Reads the demo scenario only; changes nothing.

const isPrefetch = (r: Request) => {
  const h = r.headers();
  return Boolean(h["next-router-prefetch"] || h["next-router-segment-prefetch"]);
};

test("a view of /buckets prefetches no row or header link until one is pointed at", async ({ page }) => {
  const prefetched: string[] = [];
  page.on("request", (r) => void (isPrefetch(r) && prefetched.push(new URL(r.url()).pathname)));
  await page.goto("/buckets");
  const row = page.getByTestId("bucket-row-bkc-demo-versioned-docs");
  await expect(row).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(prefetched).toEqual([]);

  await row.getByRole("link", { name: "bkc-demo-versioned-docs" }).hover();
  await expect.poll(() => prefetched.filter((p) => p === "/buckets/bkc-demo-versioned-docs").length).toBeGreaterThan(0);
  expect(prefetched.every((p) => p === "/buckets/bkc-demo-versioned-docs")).toBe(true);
});

test("a burst of keystrokes asks for the last one; the rows shown stay until its answer", async ({ page }) => {
  await page.goto("/buckets");
  const rows = page.locator('tbody tr[data-testid^="bucket-row-"]');
  await expect(rows).toHaveCount(14);
  const searches: string[] = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (url.pathname === "/api/buckets" && url.searchParams.get("limit") === "100")
      searches.push(url.searchParams.get("q") ?? "");
  });
  // The answer to the burst is held back, so the rows on screen must be the previous ones meanwhile.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  // Every prefix is held, not only the last: on a loaded machine the burst may split and an earlier one would
  // otherwise answer first. A held request the page has since aborted cannot be continued, hence the catch.
  await page.route(/\/api\/buckets\?.*q=v/, async (route) => {
    await held;
    await route.continue().catch(() => undefined);
  });
  await page.getByLabel("Search").pressSequentially("versioned", { delay: 0 });
  await expect.poll(() => searches.at(-1)).toBe("versioned");
  // The first key may pass at once (nothing was typed just before it), and a slow machine may split the burst;
  // one request per key (nine) is what the table sent before it waited for typing to settle.
  expect(searches.length).toBeLessThan(9);
  await expect(rows).toHaveCount(14);
  release();
  await expect(rows).toHaveCount(1);
  await expect(page.getByTestId("bucket-row-bkc-demo-versioned-docs")).toBeVisible();
  await expect(page).toHaveURL(/q=versioned/);
});
