// The network view: fetch nodes and edges (positions computed on the server), draw
// them (network-draw.js), and wire the page: select in place with a side panel,
// hover highlight, legend toggles, counts in words, search, path list, PNG export.
// No inline script: the page's CSP allows scripts from this origin only.
(function () {
  "use strict";
  var N = window.CobuildNetwork;

  function words() {
    var holder = document.getElementById("network-words");
    return holder ? Object.assign({}, holder.dataset) : {};
  }

  function legend(container, view, onChange) {
    container.textContent = "";
    (view.data.legend || []).forEach(function (item) {
      var row = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "legend-entry";
      button.setAttribute("aria-pressed", "true");
      button.setAttribute("data-key", item.key);
      var swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = item.colour;
      button.appendChild(swatch);
      button.appendChild(document.createTextNode(item.label + " (" + item.count + ")"));
      button.addEventListener("click", function () {
        var shown = view.toggle(item.key);
        button.setAttribute("aria-pressed", shown ? "true" : "false");
        onChange();
      });
      row.appendChild(button);
      container.appendChild(row);
    });
  }

  function summarise(view, w) {
    var c = view.counts(), all = view.data.nodes.filter(function (n) { return !n.outside; }).length;
    var text = N.fill(w.summary, { nodes: c.units, ties: c.ties, all: all });
    if (c.outside) { text += " " + N.fill(w.summaryOutside, { outside: c.outside }); }
    document.getElementById("network-summary").textContent = text;
    document.getElementById("node-count").textContent = c.units;
    document.getElementById("edge-count").textContent = c.ties;
    view.box.setAttribute("data-visible-nodes", c.units + c.outside);
    view.box.setAttribute("data-visible-ties", c.ties);
  }

  function wire(view, w) {
    var panel = new N.Panel(view, w), network = view.network;
    var select = function (id) {
      var node = view.byId[id];
      if (!node) { return; }
      if (!view.shown(id)) {  // chosen from the search while its category is hidden: show it again
        view.toggle(node.cat);
        var entry = document.querySelector('#legend button[data-key="' + node.cat + '"]');
        if (entry) { entry.setAttribute("aria-pressed", "true"); }
        summarise(view, w);
      }
      view.selected = id;
      view.highlight();
      view.box.setAttribute("data-selected", id);
      panel.open(id);
    };
    var clear = function () {
      view.selected = null;
      view.highlight();
      panel.close();
      view.box.setAttribute("data-selected", "");
    };
    panel.onPick = function (id) { if (view.byId[id]) { select(id); view.focusOn(id); } };
    // A click is the browser's own (pointer down and up with little movement between), not
    // vis-network's tap, which a busy page can take for a long press and drop.
    var down = null;
    view.box.addEventListener("pointerdown", function (event) { down = { x: event.clientX, y: event.clientY }; });
    view.box.addEventListener("click", function (event) {
      if (!down || Math.abs(event.clientX - down.x) + Math.abs(event.clientY - down.y) > 6) { return; }  // a drag
      var rect = view.box.getBoundingClientRect();
      var id = view.pick(network.DOMtoCanvas({ x: event.clientX - rect.left, y: event.clientY - rect.top }));
      if (id && view.data.aggregated && view.byId[id].url) { window.location.href = view.byId[id].url; return; }
      if (id) { select(id); } else { clear(); }
    });
    // Hover picks the node as a click does (nearest centre under the pointer), not vis-network's
    // topmost disc, so that what lights up is what a click would select.
    view.box.addEventListener("pointermove", function (event) {
      var rect = view.box.getBoundingClientRect();
      var id = view.pick(network.DOMtoCanvas({ x: event.clientX - rect.left, y: event.clientY - rect.top }));
      if (id !== view.hover) { view.hover = id; view.highlight(); }
    });
    view.box.addEventListener("pointerleave", function () {
      if (view.hover) { view.hover = null; view.highlight(); }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && (view.selected || !panel.box.hidden)) { clear(); }
    });
    document.getElementById("unit-panel-close").addEventListener("click", clear);
    var search = new N.Search(view, w, function (id) { select(id); view.focusOn(id); panel.box.focus(); });
    document.getElementById("unit-search-form").addEventListener("submit", function (event) {
      event.preventDefault();
      search.run();
    });
    document.getElementById("export-png").addEventListener("click", function () { N.downloadPng(view, w); });
    var meta = view.data.meta || {};
    if (meta.path) { N.showPath(meta.path, w); }
    if (meta.focus && view.byId[meta.focus.id]) { select(meta.focus.id); }
    return { select: select, clear: clear, panel: panel };
  }

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("network");
    if (!box) { return; }
    var status = document.getElementById("network-status"), w = words();
    var answer = window.CobuildNetworkData || fetch(box.getAttribute("data-source"), {
      headers: { Accept: "application/json" }, credentials: "same-origin"
    }).then(function (response) {
      if (!response.ok) { throw new Error(response.status + " " + response.statusText); }
      return response.json();
    });
    answer
      .then(function (data) {
        var view = new N.View(box, data, w);
        window.cobuildNetwork = { nodes: view.nodes, edges: view.edges, network: view.network, data: data, view: view };
        var update = function () { summarise(view, w); view.network.redraw(); };
        legend(document.getElementById("legend"), view, update);
        summarise(view, w);
        window.cobuildNetwork.actions = wire(view, w);
        view.network.once("afterDrawing", function () {
          window.cobuildNetwork.drawnAt = performance.now();
          box.setAttribute("data-state", "drawn");
          box.dispatchEvent(new CustomEvent("network-drawn"));
        });
      })
      .catch(function (error) {
        status.textContent = box.getAttribute("data-error") + " (" + error.message + ")";
        box.setAttribute("data-state", "failed");
      });
  });
}());
