// Sidecar Lab — the metrics dashboard's live refresh (issue #9); the page works without it
// (a reload shows the same charts).
//
// The element with data-dashboard-sse="URL" follows its event stream. Each message is JSON
// {"charts": [{"id", "svg"}], "alarms": [{"id", "state"}], "problem", "updated"}: each chart's
// SVG (drawn and escaped by the server) is parsed as SVG — an XML document, never as HTML,
// so nothing in it runs — and replaces the one inside the figure with that id; each alarm
// state goes in as text (textContent) and as data-state. The element's data-updated says
// when the last message arrived. The browser reconnects by itself after a dropped stream.
"use strict";

(function () {
  var svgNamespace = "http://www.w3.org/2000/svg";

  function swapChart(dashboard, chart) {
    var figure = chart && document.getElementById(String(chart.id));
    if (!figure || !dashboard.contains(figure) || typeof chart.svg !== "string") return;
    var parsed = new DOMParser().parseFromString(chart.svg, "image/svg+xml");
    var root = parsed.documentElement;
    if (!root || root.namespaceURI !== svgNamespace || root.localName !== "svg") return;
    var fresh = document.importNode(root, true);
    var old = figure.querySelector("svg");
    if (old) figure.replaceChild(fresh, old); else figure.appendChild(fresh);
  }

  function follow(dashboard) {
    var url = dashboard.getAttribute("data-dashboard-sse");
    if (!url || typeof window.EventSource !== "function" || typeof window.DOMParser !== "function") return;
    new EventSource(url).addEventListener("message", function (event) {
      var update;
      try { update = JSON.parse(event.data); } catch (error) { return; }
      if (!update) return;
      (Array.isArray(update.charts) ? update.charts : []).forEach(function (chart) {
        swapChart(dashboard, chart);
      });
      (Array.isArray(update.alarms) ? update.alarms : []).forEach(function (alarm) {
        var state = alarm && document.getElementById(String(alarm.id));
        if (!state || typeof alarm.state !== "string") return;
        state.textContent = alarm.state;
        state.setAttribute("data-state", alarm.state);
      });
      dashboard.setAttribute("data-updated", String(update.updated || Date.now()));
    });
  }

  function start() {
    document.querySelectorAll("[data-dashboard-sse]").forEach(follow);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
