/* meshkit: the search page. The page's form is a plain form whose query and ticked filters
 * go into the address, so a search can be bookmarked, shared and typed into the address
 * bar. This script reads the address, asks Pagefind (started once the page has loaded, by
 * pagefind-start.js) and lists the results. Everything a result shows besides the guide's
 * own words is taken from the page the build made: chips from <template data-chips>,
 * filter names from the form's legends and labels. Contributed words are only ever set as
 * text. */

import { preloadAsTyped, startOnFocus, startWhenLoaded, withPagefind } from "./pagefind-start.js";

const box = document.querySelector(".mk-search");
const form = box.querySelector("form");
const query = form.elements.namedItem("q");
const order = form.elements.namedItem("sort");
const status = box.querySelector(".mk-search__status");
const list = box.querySelector(".mk-search__results");
const more = box.querySelector(".mk-search__more");
const printed = box.querySelector(".mk-search__printed");
const none = box.querySelector(".mk-search__none");
const failed = box.querySelector(".mk-search__failed");
const filtersBox = form.querySelector(".mk-search__filters");
const counted = JSON.parse(box.querySelector(".mk-search__words").textContent);
const language = document.documentElement.lang || "en";
const plural = new Intl.PluralRules(language);
const numbers = new Intl.NumberFormat(language);
const listed = new Intl.ListFormat(language, { type: "unit" });
const SHOWN_AT_ONCE = 5;
const chips = new Map(
  Array.from(box.querySelectorAll("template[data-chips]"), (t) => [t.dataset.chips, t])
);
const facets = Array.from(form.querySelectorAll("fieldset[data-facet]"), (fieldset) => ({
  name: fieldset.dataset.facet,
  legend: fieldset.querySelector("legend").textContent,
  boxes: Array.from(fieldset.querySelectorAll("input[type=checkbox]")),
}));
const SHOWN_FACETS = ["type", "subject", "phase"];
/* A result is a guide unless its line says otherwise ("Kind of page: Annotated readings"). */
const UNSAID = { type: ["guide"] };
const switches = Array.from(
  document.querySelectorAll(".mk-search__languages a, .md-select__link"),
  (link) => ({ link, base: link.getAttribute("href").split("?")[0] })
);

const pageTitle = document.title;
let latest = 0;
let results = [];
let shown = 0;

/* Pagefind starts once the page has loaded (the reader came here to search) and fetches
 * the index for the words while they are typed (pagefind-start.js). Results are drawn five
 * at a time, as Pagefind's own interface does: each is a file to fetch, and five fill a
 * phone's screen. The filters' counts are fetched only while the filters are open: on a
 * phone, where they start closed, a search costs 110 kB less at 10,000 guides. */
const PAGEFIND = box.dataset.pagefind;

let counting = null;

/* The filters' counts, loaded into `found` (Pagefind keeps them: asking again costs
 * nothing, unless it was started afresh). */
function loadCounts(found) {
  counting = found.filters();
  return counting;
}

function chosen() {
  const params = new URLSearchParams(new FormData(form));
  for (const name of ["q", "sort"]) {
    if (!params.get(name)?.trim()) params.delete(name);
  }
  return params;
}

function fillForm(params) {
  query.value = params.get("q") || "";
  for (const facet of facets) {
    const ticked = params.getAll(facet.name);
    for (const input of facet.boxes) input.checked = ticked.includes(input.value);
  }
  order.value = sortOf(params);
}

/* The order asked for in `params`, if the page offers it; else "" (best match). */
function sortOf(params) {
  const sort = params.get("sort") || "";
  return Array.from(order.options).some((o) => o.value === sort) ? sort : "";
}

function filtersOf(params) {
  const filters = {};
  for (const facet of facets) {
    const ticked = params.getAll(facet.name);
    if (ticked.length) filters[facet.name] = { any: ticked };
  }
  return filters;
}

function linkSwitches(params) {
  const tail = params.toString();
  for (const { link, base } of switches) link.setAttribute("href", tail ? `${base}?${tail}` : base);
}

function countSentence(count) {
  const sentence = counted[plural.select(count)] || counted.other || "%(num)d";
  return sentence.replace("%(num)d", numbers.format(count));
}

function element(tag, className, text) {
  const made = document.createElement(tag);
  if (className) made.className = className;
  if (text !== undefined) made.textContent = text;
  return made;
}

/* Pagefind's excerpt is the page's text with "<" and ">" written as entities and the
 * query's words between <mark> and </mark>: it is rebuilt here as text and <mark>s. */
function excerptOf(excerpt, heading) {
  const paragraph = element("p", "mk-search__excerpt");
  if (heading) paragraph.append(element("span", "mk-search__section", `${heading}: `));
  paragraph.append("… ");
  let marked = false;
  for (const part of excerpt.split(/(<mark>|<\/mark>)/)) {
    if (part === "<mark>" || part === "</mark>") {
      marked = part === "<mark>";
      continue;
    }
    const text = part.replace(/&lt;/g, "<").replace(/&gt;/g, ">");
    if (!marked) {
      paragraph.append(text);
      continue;
    }
    const [, word, after] = text.match(/^(.*?)([\p{P}]*)$/su); // "mentoring:" marks "mentoring"
    paragraph.append(element("mark", "", word || text), word ? after : "");
  }
  paragraph.append(" …");
  return paragraph;
}

/* The passage shown is from the section of the guide where the words were found (under its
 * heading), so it does not repeat the title and summary printed just above it. */
function passageOf(data) {
  const section = (data.sub_results || []).find((s) => s.url?.includes("#") && s.locations?.length);
  if (section?.excerpt) return excerptOf(section.excerpt, section.title);
  return data.excerpt ? excerptOf(data.excerpt, "") : null;
}

function labelOf(input) {
  return form.querySelector(`label[for="${input.id}"] .mk-search__label`).textContent;
}

function facetLine(data) {
  const line = element("p", "mk-search__facets-line");
  for (const facet of SHOWN_FACETS.map((name) => facets.find((f) => f.name === name))) {
    if (!facet) continue;
    const unsaid = UNSAID[facet.name] || [];
    const values = (data.filters?.[facet.name] || []).filter((v) => !unsaid.includes(v));
    const labels = facet.boxes.filter((b) => values.includes(b.value)).map(labelOf);
    if (!labels.length) continue;
    if (line.childNodes.length) line.append(" · ");
    line.append(element("span", "mk-search__facet-name", `${facet.legend}: `), listed.format(labels));
  }
  return line;
}

function resultItem(data) {
  const item = element("li", "mk-card");
  const heading = element("h2", "mk-card__title");
  const link = element("a", "", data.meta?.title || data.raw_url);
  link.href = box.dataset.root + (data.raw_url || data.url).replace(/^\//, "");
  heading.append(link);
  item.append(heading, element("p", "mk-card__summary", data.meta?.summary || ""));
  const template = chips.get(data.meta?.chips || "");
  if (template) item.append(template.content.cloneNode(true));
  item.append(facetLine(data));
  const passage = passageOf(data);
  if (passage) item.append(passage);
  return item;
}

/* Say that search could not be done (a file of Pagefind's did not arrive): the next
 * search starts Pagefind afresh. */
function showFailure() {
  failed.hidden = false;
  offerMore(false);
  status.textContent = "";
}

/* The "Show more results" button, and the note printed in its place that only the results
 * shown are printed: both while more were found than are shown. */
function offerMore(offered) {
  more.hidden = !offered;
  printed.hidden = !offered;
}

async function showMore() {
  const next = results.slice(shown, shown + SHOWN_AT_ONCE);
  const ticket = latest;
  let found;
  try {
    found = await Promise.all(next.map((result) => result.data()));
  } catch (error) {
    if (ticket === latest) showFailure();
    return null;
  }
  if (ticket !== latest) return null;
  const items = found.map(resultItem);
  list.append(...items);
  shown += next.length;
  offerMore(shown < results.length);
  return items[0] || null;
}

function showCounts(counts) {
  for (const facet of facets) {
    for (const input of facet.boxes) {
      const count = counts?.[facet.name]?.[input.value] ?? 0;
      input.parentElement.querySelector(".mk-search__count").textContent = counts
        ? `(${numbers.format(count)})`
        : "";
    }
  }
}

function clear() {
  latest += 1;
  results = [];
  shown = 0;
  list.replaceChildren();
  list.hidden = true;
  offerMore(false);
  none.hidden = true;
  status.textContent = "";
  showCounts(null);
}

/* The build names each result's file by its place in "most recently updated" order
 * ("3fa9c1/0" the newest, "3fa9c1/1" the next; a page without a date "3fa9c1/-0", after
 * them: see meshkit/search/bundle.py), so results are put in date order by their names,
 * with no order to fetch. */
function newestFirst(results) {
  const place = (result) => {
    const name = result.id.slice(result.id.lastIndexOf("/") + 1);
    return name.startsWith("-") ? Number.MAX_SAFE_INTEGER : parseInt(name, 36);
  };
  const placed = results.map((result) => [place(result), result]);
  return placed.sort((a, b) => a[0] - b[0]).map(([, result]) => result);
}

/* An axis is sorted by as one search per level through its filter, highest first, each
 * level in order of best match: no sort keys to fetch, and guides at one level stay in a
 * sensible order. Pages the axis does not rate (annotated readings) follow, in order of
 * best match. */
async function searchAll(found, text, filters, sortName) {
  const axis = facets.find((facet) => facet.name === sortName);
  if (!axis) {
    const search = await found.search(text || null, { filters });
    // The one order offered that is not an axis's is "most recently updated".
    const results = sortName ? newestFirst(search.results) : search.results;
    return { results, counts: search.filters };
  }
  const wanted = filters[axis.name]?.any;
  const levels = axis.boxes.map((b) => b.value).filter((v) => !wanted || wanted.includes(v));
  const [all, ...byLevel] = await Promise.all([
    found.search(text || null, { filters }),
    ...levels.map((level) =>
      found.search(text || null, { filters: { ...filters, [axis.name]: { any: [level] } } })
    ),
  ]);
  const rated = byLevel.flatMap((search) => search.results);
  const ids = new Set(rated.map((result) => result.id));
  const unrated = all.results.filter((result) => !ids.has(result.id));
  return { results: [...rated, ...unrated], counts: all.filters };
}

/* Boxes in one group widen the search (any of them), so the count beside a box in a group
 * with ticks is what that group would find with the other groups' ticks alone. */
async function countsOf(found, text, filters, whole) {
  const counts = { ...whole };
  await Promise.all(
    Object.keys(filters).map(async (name) => {
      const others = { ...filters };
      delete others[name];
      const search = await found.search(text || null, { filters: others });
      counts[name] = search.filters?.[name] || {};
    })
  );
  return counts;
}

async function run(params) {
  const text = params.get("q")?.trim() || "";
  const filters = filtersOf(params);
  linkSwitches(params);
  document.title = text ? `${text} – ${pageTitle}` : pageTitle;
  if (!text && !Object.keys(filters).length) {
    clear();
    return;
  }
  const ticket = ++latest;
  let searched;
  try {
    searched = await withPagefind(PAGEFIND, async (found) => {
      if (filtersBox.open || counting) await loadCounts(found); // counts only what is loaded
      const made = await searchAll(found, text, filters, sortOf(params));
      if (counting) made.counts = await countsOf(found, text, filters, made.counts);
      return made;
    });
  } catch (error) {
    if (ticket === latest) showFailure(); // else a newer search is under way
    return;
  }
  if (ticket !== latest) return;
  failed.hidden = true;
  results = searched.results;
  shown = 0;
  list.replaceChildren();
  list.hidden = results.length === 0;
  none.hidden = results.length > 0;
  offerMore(false);
  showCounts(counting ? searched.counts : null);
  await showMore();
  if (ticket === latest && failed.hidden) status.textContent = countSentence(results.length);
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const params = chosen();
  history.pushState(null, "", params.toString() ? `?${params}` : location.pathname);
  run(params);
});

form.addEventListener("change", (event) => {
  if (event.target === query) return;
  const params = chosen();
  history.replaceState(null, "", params.toString() ? `?${params}` : location.pathname);
  run(params);
});

more.querySelector("button").addEventListener("click", async () => {
  const first = await showMore();
  first?.querySelector("a")?.focus();
});

startOnFocus(query, PAGEFIND);
preloadAsTyped(query, PAGEFIND);

window.addEventListener("popstate", () => {
  const params = new URLSearchParams(location.search);
  fillForm(params);
  run(params);
});

filtersBox.addEventListener("toggle", () => {
  if (filtersBox.open && !counting && list.childElementCount) run(chosen());
});

const start = new URLSearchParams(location.search);
fillForm(start);
if (matchMedia("(min-width: 60em)").matches || facets.some((f) => start.has(f.name))) {
  filtersBox.open = true;
}
run(start);
startWhenLoaded(PAGEFIND);
