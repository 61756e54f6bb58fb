// meshkit: on a phone, fold each margin note of a reading behind a button named by its
// kind, and offer one button to open or fold them all. On wide screens (and on paper) the
// notes stand in the margin, open, and there are no buttons. Without this script every note
// is shown open after what it is about.
const WIDE = window.matchMedia("print, (min-width: 75em)");
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

function fit() {
  if (WIDE.matches) wide();
  else narrow();
}

// Following a note's number from the text opens the note.
document.addEventListener("click", (event) => {
  const link = event.target instanceof Element && event.target.closest(".mk-note-ref a");
  const note = link && document.getElementById(link.getAttribute("href").slice(1));
  if (note) fold(note, true);
});
WIDE.addEventListener("change", fit);
window.addEventListener("beforeprint", wide);
window.addEventListener("afterprint", fit);
fit();
