// Sidecar Lab — progressive enhancement only: every page works without this file.
//
// For each element with data-sse="URL", open an EventSource on URL and replace the
// element's content with each message's data, as text (textContent: never parsed as HTML).
// For each element with data-sse-map="URL", each message is JSON {"id", "text"}: the element
// with that id gets the text (again textContent only).
// The browser reconnects on its own after a dropped stream (HTML Living Standard §9.2).
"use strict";

(function () {
  function follow(element) {
    var url = element.getAttribute("data-sse");
    if (!url || typeof window.EventSource !== "function") return;
    if (!element.hasAttribute("aria-live")) element.setAttribute("aria-live", "polite");
    var source = new EventSource(url);
    source.addEventListener("message", function (event) {
      element.textContent = event.data;
    });
  }

  function followMap(element) {
    var url = element.getAttribute("data-sse-map");
    if (!url || typeof window.EventSource !== "function") return;
    new EventSource(url).addEventListener("message", function (event) {
      var update;
      try { update = JSON.parse(event.data); } catch (error) { return; }
      var target = update && document.getElementById(String(update.id));
      if (target && element.contains(target)) target.textContent = String(update.text);
    });
  }

  function start() {
    document.querySelectorAll("[data-sse]").forEach(follow);
    document.querySelectorAll("[data-sse-map]").forEach(followMap);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
