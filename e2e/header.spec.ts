import { expect, test } from "@playwright/test";

// The header fits on one line from 1024 px up (the demo serves three accounts, so the account
// selector shows too): every item sits on the same row and nothing overflows; the AWS identity
// is shown whole in a tooltip.

for (const width of [1024, 1280, 1440]) {
  test(`the header is one line at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto("/buckets");
    const header = page.getByTestId("console-header");
    await expect(page.getByTestId("account-selector")).toBeVisible();
    await expect(page.getByTestId("header-account")).toHaveText("123456789012");
    await expect(page.getByTestId("header-account")).toHaveAttribute("title", /^Signed in to 123456789012 as arn:aws:/);

    const row = header.locator("> div");
    const items = await row.evaluate((el) =>
      [...el.children].map((c) => {
        const r = c.getBoundingClientRect();
        return { top: Math.round(r.top), bottom: Math.round(r.bottom), height: Math.round(r.height) };
      }),
    );
    expect(items.length).toBeGreaterThanOrEqual(3);
    // One line: no item taller than a line of controls, all on the same row.
    for (const item of items) expect(item.height).toBeLessThanOrEqual(32);
    const middles = items.map((i) => (i.top + i.bottom) / 2);
    expect(Math.max(...middles) - Math.min(...middles)).toBeLessThanOrEqual(4);
    expect((await header.boundingBox())!.height).toBeLessThanOrEqual(56);
    const overflow = await row.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // Labels show where there is room; below that they stay for screen readers.
    const labelWidth = (await page.getByText("Signed in to", { exact: true }).boundingBox())!.width;
    if (width >= 1280) expect(labelWidth).toBeGreaterThan(40);
    else expect(labelWidth).toBeLessThanOrEqual(1);
    await page.screenshot({ path: `screenshots/header-${width}.png`, clip: { x: 0, y: 0, width, height: 120 } });
  });
}
