import { Transform } from "node:stream";

/**
 * The stream a page's HTML goes out through, as React writes it, with one change: Remix's
 * `<link rel="modulepreload">` tags ask for `fetchpriority="low"`.
 *
 * Every page is whole and usable in its HTML (forms work without JavaScript); its scripts only
 * take it over afterwards. At their default (high) priority a phone on a slow line fetches ~110
 * KB of scripts alongside the stylesheets the first paint waits for, and Lighthouse's simulation
 * counts them as blocking that paint. At low priority the stylesheets go first and the scripts
 * follow at once. See docs/decisions/020-fast-pages.md.
 */
export function pageHtmlStream(): Transform {
  // A chunk may end inside a tag: what follows its last ">" waits for the next chunk, so the
  // tag is always seen whole. (">" inside attribute values is escaped by React.)
  let carry = "";
  return new Transform({
    transform(chunk: Buffer | string, _encoding, done) {
      const text = carry + chunk.toString();
      const end = text.lastIndexOf(">") + 1;
      carry = text.slice(end);
      done(null, lowerPreloads(text.slice(0, end)));
    },
    flush(done) {
      done(null, lowerPreloads(carry));
    },
  });
}

function lowerPreloads(html: string): string {
  return html.replaceAll('<link rel="modulepreload"', '<link rel="modulepreload" fetchpriority="low"');
}
