import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { describe, expect, it } from "vitest";
import { pageHtmlStream } from "./html-stream.server";

const page =
  '<!DOCTYPE html><html><head><link rel="stylesheet" href="/assets/app.css"/></head><body><main>Hi</main>' +
  '<link rel="modulepreload" href="/assets/entry.client.js"/><link rel="modulepreload" href="/assets/components.js"/>' +
  '<script type="module">import "/assets/entry.client.js";</script></body></html>';

/** The page sent through the stream in pieces of `size` characters. */
async function through(size: number): Promise<string> {
  const pieces: string[] = [];
  for (let i = 0; i < page.length; i += size) pieces.push(page.slice(i, i + size));
  return text(Readable.from(pieces).pipe(pageHtmlStream()));
}

describe("pageHtmlStream", () => {
  it("asks for the module preloads at low priority and leaves everything else as it was", async () => {
    const out = await through(page.length);
    expect(out.match(/<link rel="modulepreload" fetchpriority="low" href=/g)).toHaveLength(2);
    expect(out.replaceAll(' fetchpriority="low"', "")).toBe(page);
  });

  it.each([1, 7, 13, 40])("sees a tag whole when the HTML comes in pieces of %i characters", async (size) => {
    expect(await through(size)).toBe(await through(page.length));
  });
});
