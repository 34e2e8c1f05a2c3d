import type { Browser } from 'playwright-core';

/** One picture of a composed screenshot. */
export interface LabelledShot {
  readonly label: string;
  readonly png: Buffer;
}

/**
 * Lays screenshots side by side, each under its label, and returns one PNG
 * of the lot: the browser itself does the layout, so no image library is
 * needed.
 */
export async function composeScreenshots(
  browser: Browser,
  shots: readonly LabelledShot[],
): Promise<Buffer> {
  const page = await browser.newPage({ viewport: { width: 400, height: 300 } });
  try {
    const figures = shots
      .map(
        (shot) =>
          `<figure><figcaption>${escapeHtml(shot.label)}</figcaption><img src="data:image/png;base64,${shot.png.toString('base64')}"></figure>`,
      )
      .join('');
    await page.setContent(
      `<!doctype html><style>
        body { margin: 0; padding: 12px; display: inline-flex; gap: 12px; background: #cbd5e1; font: 14px system-ui, 'DejaVu Sans', sans-serif; }
        figure { margin: 0; } figcaption { padding: 0 0 6px; font-weight: 600; }
        img { display: block; border: 1px solid #64748b; }
      </style>${figures}`,
    );
    await page.waitForFunction(() => [...document.images].every((image) => image.complete));
    return await page.screenshot({ fullPage: true });
  } finally {
    await page.close();
  }
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!,
  );
}
