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

// ---------------------------------------------------------------------------------------------
// Instructor board (issue #5): the element with data-board-sse="URL" follows its event stream.
// Each message is JSON: {"entries": [{"id", "text", "state"}], "order": [row ids]} for what
// changed — the element with that id inside the board gets the text (textContent only, never
// parsed as HTML) and the state as its data-state; the rows are put in the order given — or
// {"reload": true} when learners or steps changed, which reloads the page. Without script the
// board reloads itself (a <noscript> refresh).
(function () {
  function followBoard(board) {
    var url = board.getAttribute("data-board-sse");
    if (!url || typeof window.EventSource !== "function") return;
    new EventSource(url).addEventListener("message", function (event) {
      var update;
      try { update = JSON.parse(event.data); } catch (error) { return; }
      if (!update) return;
      if (update.reload === true) { window.location.reload(); return; }
      (Array.isArray(update.entries) ? update.entries : []).forEach(function (entry) {
        var target = entry && document.getElementById(String(entry.id));
        if (!target || !board.contains(target)) return;
        if (typeof entry.text === "string") target.textContent = entry.text;
        if (typeof entry.state === "string") target.setAttribute("data-state", entry.state);
      });
      var body = board.querySelector("tbody");
      if (body && Array.isArray(update.order)) {
        update.order.forEach(function (id) {
          var row = document.getElementById(String(id));
          if (row && row.parentNode === body) body.appendChild(row);
        });
      }
      board.setAttribute("data-updated", String(Date.now()));
    });
  }

  function start() {
    document.querySelectorAll("[data-board-sse]").forEach(followBoard);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

// ---------------------------------------------------------------------------------------------
// Logs page (issue #7): the list with data-logs-sse="URL" follows the live tail. Each message is
// JSON {"id", "time", "container", "source", "pieces": [{"text", "mark"}]}; a new line is put
// first (newest first, like the page), built from text nodes only (never parsed as HTML), with
// matched pieces inside <mark>. At most 500 lines are kept. Without script the page refreshes.
(function () {
  var maxLines = 500;

  function span(className, text) {
    var element = document.createElement("span");
    element.className = className;
    element.textContent = String(text);
    return element;
  }

  function lineElement(update) {
    var item = document.createElement("li");
    item.id = String(update.id);
    var time = document.createElement("time");
    time.setAttribute("datetime", String(update.time));
    time.textContent = String(update.time);
    var code = document.createElement("code");
    code.className = "log-text";
    (Array.isArray(update.pieces) ? update.pieces : []).forEach(function (piece) {
      if (!piece || typeof piece.text !== "string") return;
      if (piece.mark === true) {
        var mark = document.createElement("mark");
        mark.textContent = piece.text;
        code.appendChild(mark);
      } else {
        code.appendChild(document.createTextNode(piece.text));
      }
    });
    [time, span("log-container", update.container), span("log-source", update.source), code]
      .forEach(function (part, index) {
        if (index > 0) item.appendChild(document.createTextNode(" "));
        item.appendChild(part);
      });
    item.classList.add("log-new");
    return item;
  }

  function followLogs(list) {
    var url = list.getAttribute("data-logs-sse");
    if (!url || typeof window.EventSource !== "function") return;
    if (!list.hasAttribute("aria-live")) list.setAttribute("aria-live", "polite");
    new EventSource(url).addEventListener("message", function (event) {
      var update;
      try { update = JSON.parse(event.data); } catch (error) { return; }
      if (!update || document.getElementById(String(update.id))) return;
      list.insertBefore(lineElement(update), list.firstChild);
      while (list.children.length > maxLines) list.removeChild(list.lastChild);
    });
  }

  function start() {
    document.querySelectorAll("[data-logs-sse]").forEach(followLogs);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
