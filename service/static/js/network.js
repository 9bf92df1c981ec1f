// The network view: fetch nodes and edges (positions computed on the server),
// draw them with the vendored vis-network, physics off. No inline script: the
// page's CSP allows scripts from this origin only.
(function () {
  "use strict";

  function legend(container, items) {
    container.textContent = "";
    items.forEach(function (item) {
      var row = document.createElement("li");
      var swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = item.colour;
      row.appendChild(swatch);
      row.appendChild(document.createTextNode(item.label));
      container.appendChild(row);
    });
  }

  function draw(box, data) {
    var nodes = new vis.DataSet(data.nodes);
    var edges = new vis.DataSet(data.edges);
    var network = new vis.Network(box, { nodes: nodes, edges: edges }, data.options);
    window.cobuildNetwork = { nodes: nodes, edges: edges, network: network, data: data };
    network.once("afterDrawing", function () {
      box.setAttribute("data-state", "drawn");
      box.dispatchEvent(new CustomEvent("network-drawn"));
    });
    network.on("doubleClick", function (params) { openNode(nodes, params); });
    network.on("click", function (params) { openNode(nodes, params); });
    return network;
  }

  function openNode(nodes, params) {
    if (!params.nodes || !params.nodes.length) { return; }
    var node = nodes.get(params.nodes[0]);
    if (node && node.url) { window.location.href = node.url; }
  }

  function search(input, status) {
    var state = window.cobuildNetwork;
    if (!state) { return; }
    var text = input.value.trim();
    if (!text) { return; }
    var found = state.nodes.get({ filter: function (n) { return n.label.indexOf(text) >= 0; } });
    status.textContent = found.length ? "" : input.getAttribute("data-none");
    if (found.length) {
      state.network.selectNodes(found.map(function (n) { return n.id; }));
      state.network.focus(found[0].id, { scale: 1.2, animation: false });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("network");
    if (!box) { return; }
    var status = document.getElementById("network-status");
    fetch(box.getAttribute("data-source"), { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status + " " + response.statusText); }
        return response.json();
      })
      .then(function (data) {
        document.getElementById("node-count").textContent = data.nodes.length;
        document.getElementById("edge-count").textContent = data.edges.filter(function (e) { return !e.suggested; }).length;
        legend(document.getElementById("legend"), data.legend);
        draw(box, data);
      })
      .catch(function (error) {
        status.textContent = box.getAttribute("data-error") + " (" + error.message + ")";
        box.setAttribute("data-state", "failed");
      });
    var input = document.getElementById("unit-search");
    if (input) {
      document.getElementById("unit-search-form").addEventListener("submit", function (event) {
        event.preventDefault();
        search(input, status);
      });
    }
  });
}());
