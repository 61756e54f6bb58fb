/* meshkit: show a citation's reference beside it on hover or keyboard focus.
 * Progressive enhancement: without this script each citation is a link to its entry in the
 * reference list. The preview copies the entry's text (links made plain), can be hovered,
 * and closes on Escape, on leaving it, or when focus moves on (WCAG 1.4.13). */
(function () {
  "use strict";
  var tip = null;
  var owner = null;
  var timer = 0;
  var pending = 0;
  var GAP = 6;
  var SWITCH_DELAY = 200;

  function entryFor(link) {
    var id = link.getAttribute("href").slice(1);
    return document.getElementById(id) || document.getElementById(decodeURIComponent(id));
  }

  function copyOf(entry) {
    var copy = document.createDocumentFragment();
    entry.childNodes.forEach(function (node) {
      if (node.nodeType === 1 && node.classList.contains("mk-reflist__cited-in")) return;
      var clone = node.cloneNode(true);
      if (clone.nodeType === 1) {
        clone.querySelectorAll("a").forEach(function (a) { a.replaceWith(a.textContent); });
        if (clone.tagName === "A") clone = document.createTextNode(clone.textContent);
      }
      copy.appendChild(clone);
    });
    return copy;
  }

  function hide() {
    clearTimeout(timer);
    clearTimeout(pending);
    if (owner) owner.removeAttribute("aria-describedby");
    if (tip) tip.remove();
    tip = null;
    owner = null;
  }

  function show(link, point) {
    var entry = entryFor(link);
    clearTimeout(pending);
    if (!entry || link === owner) return;
    hide();
    tip = document.createElement("div");
    tip.id = "mk-cite-preview";
    tip.className = "mk-cite-preview";
    tip.setAttribute("role", "tooltip");
    tip.appendChild(copyOf(entry));
    tip.addEventListener("mouseenter", function () { clearTimeout(timer); clearTimeout(pending); });
    tip.addEventListener("mouseleave", later);
    // Inside the page's main landmark, so screen readers find it with the text it explains.
    (link.closest("main") || document.body).appendChild(tip);
    place(tip, lineOf(link, point));
    link.setAttribute("aria-describedby", tip.id);
    owner = link;
  }

  /* The line box of a citation that wraps over two lines: the one under the pointer. */
  function lineOf(link, point) {
    var rects = link.getClientRects();
    for (var i = 0; point && i < rects.length; i++) {
      if (point.y >= rects[i].top && point.y <= rects[i].bottom) return rects[i];
    }
    return rects[0] || link.getBoundingClientRect();
  }

  /* Below the citation, or above it when the window has no room below. */
  function place(tip, box) {
    var view = document.documentElement;
    var base = tip.offsetParent ? tip.offsetParent.getBoundingClientRect()
                                : { left: -window.scrollX, top: -window.scrollY };
    var left = Math.min(box.left, view.clientWidth - tip.offsetWidth - 8);
    var top = box.bottom + GAP;
    var above = box.top - GAP - tip.offsetHeight;
    if (top + tip.offsetHeight > view.clientHeight - 8 && above >= topLimit()) top = above;
    tip.classList.toggle("mk-cite-preview--above", top < box.top);
    tip.style.left = Math.max(8, left) - base.left + "px";
    tip.style.top = top - base.top + "px";
  }

  /* The first pixel a preview above a citation may use: below Material's fixed header. */
  function topLimit() {
    var header = document.querySelector(".md-header");
    return (header ? Math.max(0, header.getBoundingClientRect().bottom) : 0) + 8;
  }

  /* Moving the pointer from one citation to the open preview may cross another citation:
   * switch to that one only if the pointer stays on it a moment. */
  function showSoon(link, point) {
    clearTimeout(pending);
    if (!owner) { show(link, point); return; }
    pending = setTimeout(function () { show(link, point); }, SWITCH_DELAY);
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(hide, 300);
  }

  function citation(target) {
    return target instanceof Element ? target.closest(".mk-cite a[href^='#']") : null;
  }

  document.addEventListener("mouseover", function (event) {
    var link = citation(event.target);
    if (link) { clearTimeout(timer); showSoon(link, { x: event.clientX, y: event.clientY }); }
  });
  document.addEventListener("mouseout", function (event) {
    if (citation(event.target)) later();
  });
  document.addEventListener("focusin", function (event) {
    var link = citation(event.target);
    if (link) show(link); else hide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hide();
  });
  document.addEventListener("click", function (event) {
    if (citation(event.target)) hide();
  });
})();
