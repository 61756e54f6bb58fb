/* meshkit: the home page's search box. The box is a plain form that opens the search page
 * with the words typed; this script starts Pagefind when the reader first touches the box
 * and fetches the index for the words while they are typed, so that the search page finds
 * them in the browser's cache. A visitor who does not search fetches nothing of Pagefind. */

import { preloadAsTyped, startOnFocus } from "./pagefind-start.js";

const form = document.querySelector(".mk-home__search[data-pagefind]");
if (form) {
  const input = form.querySelector("input[name=q]");
  startOnFocus(input, form.dataset.pagefind);
  preloadAsTyped(input, form.dataset.pagefind);
}
