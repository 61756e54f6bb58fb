/* meshkit: show a citation's reference beside it on hover or keyboard focus.
 * Progressive enhancement: without this script each citation is a link to its entry in the
 * reference list. The preview copies the entry's text (links made plain), can be hovered,
 * and closes on Escape, on leaving it, or when focus moves on (WCAG 1.4.13). */
(function () {
  "use strict";
  var tip = null;
  var owner = null;
  var timer = 0;

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
    if (owner) owner.removeAttribute("aria-describedby");
    if (tip) tip.remove();
    tip = null;
    owner = null;
  }

  function show(link) {
    var entry = entryFor(link);
    if (!entry || link === owner) return;
    hide();
    tip = document.createElement("div");
    tip.id = "mk-cite-preview";
    tip.className = "mk-cite-preview";
    tip.setAttribute("role", "tooltip");
    tip.appendChild(copyOf(entry));
    tip.addEventListener("mouseenter", function () { clearTimeout(timer); });
    tip.addEventListener("mouseleave", later);
    // Inside the page's main landmark, so screen readers find it with the text it explains.
    (link.closest("main") || document.body).appendChild(tip);
    var box = link.getBoundingClientRect();
    var base = tip.offsetParent ? tip.offsetParent.getBoundingClientRect()
                                : { left: -window.scrollX, top: -window.scrollY };
    var left = Math.min(box.left, document.documentElement.clientWidth - tip.offsetWidth - 8);
    tip.style.left = Math.max(8, left) - base.left + "px";
    tip.style.top = box.bottom - base.top + 6 + "px";
    link.setAttribute("aria-describedby", tip.id);
    owner = link;
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
    if (link) { clearTimeout(timer); show(link); }
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
