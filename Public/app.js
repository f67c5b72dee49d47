// Sidecar Lab — progressive enhancement only: every page works without this file.
//
// For each element with data-sse="URL", open an EventSource on URL and replace the
// element's content with each message's data, as text (textContent: never parsed as HTML).
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

  function start() {
    document.querySelectorAll("[data-sse]").forEach(follow);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
