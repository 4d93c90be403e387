// whosaid: a little JavaScript for the article page. Hovering a highlighted statement lights up all of its
// pieces; clicking shows its card (speaker, source type, via, said_at) next to the text. Everything shown is
// cloned from server-rendered, escaped markup: no text is ever inserted as HTML here.
(function () {
  "use strict";

  function primaryIndex(el) {
    var ids = (el.getAttribute("data-c") || el.getAttribute("data-a") || "").trim().split(/\s+/);
    return ids[0] || null;
  }

  function pieces(i) {
    return document.querySelectorAll('#article-text [data-a~="' + i + '"]');
  }

  function setActive(i, on) {
    pieces(i).forEach(function (p) { p.classList.toggle("active", on); });
    var card = document.getElementById("stmt-" + i);
    if (card) card.classList.toggle("active", on);
  }

  function hidePopover(pop) {
    pop.hidden = true;
    while (pop.firstChild) pop.removeChild(pop.firstChild);
    pop.removeAttribute("data-i");
  }

  function showPopover(pop, i, x, y) {
    var card = document.getElementById("stmt-" + i);
    if (!card) return;
    while (pop.firstChild) pop.removeChild(pop.firstChild);
    var copy = card.cloneNode(true);
    copy.removeAttribute("id");
    copy.classList.remove("active");
    copy.querySelectorAll("[id]").forEach(function (n) { n.removeAttribute("id"); });
    pop.appendChild(copy);
    pop.setAttribute("data-i", i);
    // just under the click, inside the positioned container that holds the popover
    var host = pop.parentElement.getBoundingClientRect();
    pop.hidden = false;
    var left = Math.min(x - host.left - 16, host.width - pop.offsetWidth - 8);
    pop.style.left = Math.max(0, left) + "px";
    pop.style.top = (y - host.top + 16) + "px";
  }

  document.addEventListener("DOMContentLoaded", function () {
    var text = document.getElementById("article-text");
    var pop = document.getElementById("popover");
    if (!text) return;
    var current = null;
    text.addEventListener("mouseover", function (ev) {
      var el = ev.target.closest("[data-a]");
      var i = el ? primaryIndex(el) : null;
      if (i === current) return;
      if (current !== null) setActive(current, false);
      current = i;
      if (i !== null) setActive(i, true);
    });
    text.addEventListener("mouseleave", function () {
      if (current !== null) setActive(current, false);
      current = null;
    });
    text.addEventListener("click", function (ev) {
      var el = ev.target.closest("[data-a]");
      if (!el || !pop) return;
      ev.stopPropagation();
      var i = primaryIndex(el);
      if (pop.getAttribute("data-i") === i && !pop.hidden) { hidePopover(pop); return; }
      showPopover(pop, i, ev.clientX, ev.clientY);
    });
    document.addEventListener("click", function (ev) {
      if (pop && !pop.hidden && !pop.contains(ev.target)) hidePopover(pop);
    });
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" && pop) hidePopover(pop);
    });
    document.querySelectorAll(".statement[data-i]").forEach(function (card) {
      var i = card.getAttribute("data-i");
      card.addEventListener("mouseenter", function () { setActive(i, true); });
      card.addEventListener("mouseleave", function () { setActive(i, false); });
      card.addEventListener("click", function (ev) {
        if (ev.target.closest("a")) return;
        var first = pieces(i)[0];
        if (first) first.scrollIntoView({ block: "center", behavior: "smooth" });
      });
    });
  });
})();
