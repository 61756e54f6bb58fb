/* meshkit: starting Pagefind early, for the search page and the home page's search box.
 *
 * On a slow phone connection every round trip counts. Pagefind needs its script, its
 * WebAssembly and the page list of the index before it can search, then the part of the
 * index holding each word searched for, then a small file per result. This module starts
 * the first of those before the reader presses Enter, and fetches the index for the words
 * while they are being typed, so that after Enter only the results are left to fetch. On
 * the home page it fills the browser's cache for the search page the box leads to. */

const PRELOAD_FROM = 4;
const started = new Map();
let attempts = 0;

/* Pagefind's module at `url` (relative to the page), imported and set up once. */
export function loadPagefind(url) {
  if (!started.has(url)) {
    // A browser remembers a module that failed to load for as long as the page is open:
    // after a failure the address is made new, so that the next try fetches it again.
    const address = new URL(url, document.baseURI);
    if (attempts) address.searchParams.set("try", String(attempts));
    attempts += 1;
    const loading = import(address.href).then(async (found) => {
      await found.options({ excerptLength: 24 });
      return found;
    });
    loading.catch(() => forgetPagefind(url, loading));
    started.set(url, loading);
  }
  return started.get(url);
}

/* Forget Pagefind after something of it failed to load (its script, WebAssembly, page
 * list or a part of its index: Pagefind keeps such a failure), so that the next search
 * starts it afresh; with `failed`, only if that is the Pagefind still in use. */
export function forgetPagefind(url, failed) {
  const loading = started.get(url);
  if (!loading || (failed && failed !== loading)) return; // already started afresh
  started.delete(url);
  loading.then((found) => found.destroy()).catch(() => {});
}

/* Fetch Pagefind's script, WebAssembly and page list now (errors are left for a search
 * to report). */
export function startPagefind(url) {
  loadPagefind(url)
    .then((found) => found.init())
    .catch(() => {});
}

/* Start Pagefind when the reader first touches `input`. */
export function startOnFocus(input, url) {
  input.addEventListener("focus", () => startPagefind(url), { once: true });
}

/* Start Pagefind once the page has loaded and the browser is idle: the page itself
 * comes first. */
export function startWhenLoaded(url) {
  const start = () => startPagefind(url);
  const idle = () =>
    "requestIdleCallback" in window ? requestIdleCallback(start, { timeout: 1000 }) : setTimeout(start);
  if (document.readyState === "complete") idle();
  else window.addEventListener("load", idle, { once: true });
}

/* What to preload of `text`: every word finished (a space after it), and the word being
 * typed once it has four letters. Pagefind fetches the part of the index for every word a
 * beginning could grow into, so a shorter beginning fetches much that the finished word
 * does not need ("c": every word beginning with c; "clas": "class" and "classroom"). */
export function preloadable(text) {
  const words = text.trimStart().split(/\s+/);
  const typing = words.pop();
  if (typing.length >= PRELOAD_FROM) words.push(typing);
  return words.join(" ");
}

/* Fetch the index for the words typed into `input` as they are typed: one preload at a
 * time, each with what is typed by then. */
export function preloadAsTyped(input, url) {
  let preloading = null;
  let preloaded = "";
  const preload = () => {
    const text = preloadable(input.value);
    if (!text || text === preloaded || preloading) return;
    preloaded = text;
    preloading = loadPagefind(url)
      .then((found) => found.preload(text))
      .then(
        () => {
          preloading = null;
          preload();
        },
        () => {
          preloading = null;
          preloaded = ""; // tried again with the next key
        }
      );
  };
  input.addEventListener("input", preload);
}
