// meshkit: on a phone, fold each margin note of a reading behind a button named by its
// kind, and offer one button to open or fold them all. On wide screens (and on paper) the
// notes stand in the margin, open, and there are no buttons. Without this script every note
// is shown open after what it is about.
//
// In the margin, a group of notes that the group above reaches (even by a pixel) is placed
// by Chromium below the whole of its text rather than just under that group (a float that
// needs clearance goes after its line); `level` lifts it back to just under the group
// above (a relative offset, which moves nothing else). Without this script such a group
// stays lower, never overlapping anything.
const WIDE = window.matchMedia("print, (min-width: 75em)");
const PRINT = window.matchMedia("print");
const notes = [...document.querySelectorAll(".mk-reading .mk-note")];
const controls = document.querySelector(".mk-reading__controls");

function fold(note, open) {
  const button = note.querySelector(".mk-note__toggle");
  const body = note.querySelector(".mk-note__body");
  if (!button || !body) return;
  button.setAttribute("aria-expanded", String(open));
  body.hidden = !open;
}

function narrow() {
  for (const note of notes) {
    const head = note.querySelector(".mk-note__head");
    const body = note.querySelector(".mk-note__body");
    if (!head || !body || head.querySelector(".mk-note__toggle")) continue;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "mk-note__toggle";
    body.id = `${note.id}-body`;
    button.setAttribute("aria-controls", body.id);
    for (const part of [...head.children]) {
      if (!part.classList.contains("mk-note__number")) button.append(part);
    }
    head.append(button);
    button.addEventListener("click", () => fold(note, button.getAttribute("aria-expanded") !== "true"));
    fold(note, false);
  }
  if (controls && !controls.firstChild && notes.length) {
    const all = document.createElement("button");
    all.type = "button";
    all.className = "md-button";
    all.textContent = controls.dataset.open;
    all.addEventListener("click", () => {
      const open = all.textContent === controls.dataset.open;
      for (const note of notes) fold(note, open);
      all.textContent = open ? controls.dataset.fold : controls.dataset.open;
    });
    controls.append(all);
  }
}

function wide() {
  for (const note of notes) {
    const button = note.querySelector(".mk-note__toggle");
    const body = note.querySelector(".mk-note__body");
    if (!button || !body) continue;
    button.replaceWith(...button.childNodes);
    body.hidden = false;
  }
  if (controls) controls.replaceChildren();
}

function level() {
  const groups = [...document.querySelectorAll(".mk-reading__text > .mk-annotated > .mk-notes")];
  for (const group of groups) group.style.top = "";
  if (PRINT.matches || !groups.length || getComputedStyle(groups[0]).float === "none") return;
  // Read every place first, then move: one layout, however many notes.
  const places = groups.map((group) => ({
    anchor: group.parentElement.querySelector(":scope > :not(.mk-notes)").getBoundingClientRect().top,
    box: group.getBoundingClientRect(),
    gap: parseFloat(getComputedStyle(group).marginBottom),
  }));
  let above = -Infinity;
  places.forEach(({ anchor, box, gap }, index) => {
    const lift = Math.min(0, Math.max(anchor, above) - box.top);
    if (lift < -1) groups[index].style.top = `${lift}px`;
    above = box.bottom + lift + gap;
  });
}

// On paper, each group of notes goes before its text (after it again once printed): a
// float that comes before its text in the page stands level with it, or just under the
// group above, and the browser breaks pages where it really is. After the text, the
// stylesheet alone would set a group the one above reaches below the whole of its text.
function placeFirst(first) {
  for (const annotated of document.querySelectorAll(".mk-reading__text > .mk-annotated")) {
    const group = annotated.querySelector(":scope > .mk-notes");
    if (!group) continue;
    annotated.classList.toggle("mk-annotated--first", first);
    if (first) annotated.prepend(group);
    else annotated.append(group);
  }
}

function unlevel() {
  for (const group of document.querySelectorAll(".mk-notes")) group.style.top = "";
}

function fit() {
  if (WIDE.matches) wide();
  else narrow();
  level();
}

let pending = 0;
function refit() {
  cancelAnimationFrame(pending);
  pending = requestAnimationFrame(level);
}

// Following a note's number from the text opens the note.
document.addEventListener("click", (event) => {
  const link = event.target instanceof Element && event.target.closest(".mk-note-ref a");
  const note = link && document.getElementById(link.getAttribute("href").slice(1));
  if (note) fold(note, true);
});
WIDE.addEventListener("change", fit);
// On paper nothing is lifted (see placeFirst). A script sees the print layout as one long
// page, not where the pages break, so a lift measured there can move a note over the one
// above, or its lines across a page's edge (an offset moves what is painted, not where the
// page breaks).
PRINT.addEventListener("change", level);
window.addEventListener("beforeprint", () => {
  wide();
  unlevel();
  placeFirst(true);
});
window.addEventListener("afterprint", () => {
  placeFirst(false);
  fit();
});
// Whatever changes the text's height (a window resized, fonts or images arriving) moves
// the notes' places.
const text = document.querySelector(".mk-reading__text");
if (text && "ResizeObserver" in window) new ResizeObserver(refit).observe(text);
fit();
