// meshkit: on a phone a guide's map is wider than the screen and scrolls sideways in its own
// box, which opens at its left edge (its right edge on a right-to-left page), so the guide
// the page is about may start out of sight. Open it with that guide's box in the middle.
// Its box is the one link to this page itself ("./"). Without this script the map opens at
// its edge, as any wide figure does.
for (const drawing of document.querySelectorAll(".mk-map-section .mk-map__drawing")) {
  const here = drawing.querySelector('a[href="./"] rect');
  if (here && drawing.scrollWidth > drawing.clientWidth) {
    const shown = drawing.getBoundingClientRect();
    const box = here.getBoundingClientRect();
    drawing.scrollLeft += box.left + box.width / 2 - (shown.left + shown.width / 2);
  }
}
