/* meshkit: starting Pagefind early, for the search page and the home page's search box.
 *
 * On a slow phone connection every round trip counts. Pagefind needs its script, its
 * WebAssembly and the page list of the index before it can search, then the part of the
 * index holding each word searched for, then a small file per result. This module starts
 * the first of those before the reader presses Enter, and fetches the index for the words
 * while they are being typed, so that after Enter only the results are left to fetch. On
 * the home page it fills the browser's cache for the search page the box leads to. */

const PRELOAD_FROM = 4;
/* Pagefind searches on the page's own thread, not in its web worker: one file fewer to
 * fetch before the first search (12 kB and a round trip), a phone's worker is no faster,
 * and a file of Pagefind's that fails to arrive can be seen (see `watchFetches`). */
const OPTIONS = { excerptLength: 24, noWorker: true };
const started = new Map();
const setUp = new Map();
const watched = new Set();
let attempts = 0;
let failures = 0;

/* Pagefind's module at `url` (relative to the page), imported and set up once. */
export function loadPagefind(url) {
  if (!started.has(url)) {
    // A browser remembers a module that failed to load for as long as the page is open:
    // after a failure the address is made new, so that the next try fetches it again.
    const address = new URL(url, document.baseURI);
    if (attempts) address.searchParams.set("try", String(attempts));
    attempts += 1;
    watchFetches(new URL(".", address).href);
    setUp.set(url, failures);
    const loading = import(address.href).then(async (found) => {
      await found.options(OPTIONS);
      return found;
    });
    loading.catch(() => forgetPagefind(url, loading));
    started.set(url, loading);
  }
  return started.get(url);
}

/* Count the fetches of files under `folder` (Pagefind's) that fail or arrive broken.
 * Pagefind keeps a part of its index that failed to arrive as if it had arrived, and would
 * find nothing in it until the page was reloaded: a failure counted here makes the next
 * search start Pagefind afresh (see `withPagefind`). */
function watchFetches(folder) {
  if (!watched.size) {
    const fetchAsBefore = window.fetch.bind(window);
    window.fetch = async (resource, options) => {
      const address = new URL(resource?.url ?? String(resource), document.baseURI).href;
      if (![...watched].some((watching) => address.startsWith(watching))) {
        return fetchAsBefore(resource, options);
      }
      try {
        const response = await fetchAsBefore(resource, options);
        if (!response.ok) failures += 1;
        const read = response.arrayBuffer.bind(response);
        response.arrayBuffer = () =>
          read().catch((error) => {
            failures += 1;
            throw error;
          });
        return response;
      } catch (error) {
        failures += 1;
        throw error;
      }
    };
  }
  watched.add(folder);
}

/* Pagefind from `url`, started afresh (the module kept, its index forgotten) if a file of
 * its failed to arrive since it was last set up. */
function freshPagefind(url) {
  const loading = loadPagefind(url);
  if (setUp.get(url) === failures) return loading;
  setUp.set(url, failures);
  const fresh = loading.then(async (found) => {
    await found.destroy();
    await found.options(OPTIONS);
    return found;
  });
  started.set(url, fresh);
  fresh.catch(() => forgetPagefind(url, fresh));
  return fresh;
}

/* What `task(pagefind)` gives. If a file of Pagefind's failed to arrive meanwhile, the
 * answer may lack what that file held: the task is done once more on Pagefind started
 * afresh, and if a file fails again, this throws (the reader is told to try again). */
export async function withPagefind(url, task) {
  for (let tries = 1; ; tries += 1) {
    const loading = freshPagefind(url);
    const before = failures;
    let answer;
    try {
      answer = await task(await loading);
    } catch (error) {
      forgetPagefind(url, loading);
      throw error;
    }
    if (failures === before) return answer;
    if (tries === 2) throw new Error("a file of Pagefind's failed to arrive twice");
  }
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
    preloading = withPagefind(url, (found) => found.preload(text)).then(
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
