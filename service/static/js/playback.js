// Time playback for the network view: a slider over monthly or quarterly snapshots
// (computed on the server), with play / pause and a tick per period (partial periods
// in italics, marked *). Each period shows its own ties, new ones in green, and marks
// the units that fell silent. Runs after network.js has drawn the network.
(function () {
  "use strict";
  var NEW = "#2e7d32", OLD = "#9e9e9e", SILENT = "#b71c1c";

  function sourceFor(panel, freq) {
    var url = new URL(panel.getAttribute("data-source"), window.location.href);
    url.searchParams.set("freq", freq);
    return url.toString();
  }

  function Playback(panel, state) {
    this.panel = panel;
    this.state = state;
    this.slider = document.getElementById("playback-slider");
    this.label = document.getElementById("playback-label");
    this.stats = document.getElementById("playback-stats");
    this.edges = state.edges.get();
    this.nodes = state.nodes.get().map(function (n) {
      var kept = { id: n.id, borderWidth: n.borderWidth || 1 };
      if (n.color) { kept.color = n.color; }
      return kept;
    });
    this.periods = [];
  }

  Playback.prototype.load = function (freq) {
    var self = this;
    return fetch(sourceFor(this.panel, freq), { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status + " " + response.statusText); }
        return response.json();
      })
      .then(function (data) {
        self.periods = data.periods;
        self.panel.hidden = !data.periods.length;
        // The slot kept the bar's room while it loaded; without periods it gives the room back.
        self.panel.parentNode.classList.toggle("empty", !data.periods.length);
        self.slider.max = Math.max(data.periods.length - 1, 0);
        self.slider.value = self.slider.max;
        self.panel.setAttribute("data-freq", data.freq);
        self.panel.setAttribute("data-periods", data.periods.length);
        self.ticks();
        if (self.shown) { self.whole(); }  // the network shows the whole window until a period is chosen
      });
  };

  Playback.prototype.ticks = function () {
    var list = document.getElementById("playback-ticks"), marks = document.getElementById("playback-marks");
    var partial = this.panel.getAttribute("data-label-partial");
    list.textContent = "";
    marks.textContent = "";
    this.periods.forEach(function (p, i) {
      var item = document.createElement("li");
      item.textContent = p.period + (p.partial ? "*" : "");
      if (p.partial) { item.className = "partial"; item.title = partial; }
      list.appendChild(item);
      var option = document.createElement("option");
      option.value = i;
      option.label = p.period;
      marks.appendChild(option);
    });
  };

  Playback.prototype.play = function (button) {
    var self = this;
    if (this.timer) {
      clearInterval(this.timer);
      this.timer = null;
      button.textContent = this.panel.getAttribute("data-play");
      button.setAttribute("aria-pressed", "false");
      return;
    }
    if (+this.slider.value >= this.periods.length - 1) { this.slider.value = 0; }
    this.show(+this.slider.value);
    button.textContent = this.panel.getAttribute("data-pause");
    button.setAttribute("aria-pressed", "true");
    this.timer = setInterval(function () {
      var next = +self.slider.value + 1;
      if (next >= self.periods.length) { self.play(button); return; }
      self.slider.value = next;
      self.show(next);
    }, 1200);
  };

  Playback.prototype.whole = function () {
    this.shown = false;
    this.state.edges.clear();
    this.state.edges.add(this.edges);
    this.state.nodes.update(this.nodes);
    this.label.textContent = "";
    this.stats.textContent = "";
    this.panel.setAttribute("data-period", "");
  };

  Playback.prototype.show = function (index) {
    var p = this.periods[index], nodes = this.state.nodes, panel = this.panel;
    if (!p) { return; }
    var silent = {};
    p.silent.forEach(function (id) { silent[id] = true; });
    var edges = p.edges.filter(function (e) { return nodes.get(e[0]) && nodes.get(e[1]); });
    this.shown = true;
    this.state.edges.clear();
    this.state.edges.add(edges.map(function (e, k) {
      return { id: "p" + k, from: e[0], to: e[1], width: Math.min(1 + e[2], 8), color: { color: e[3] ? NEW : OLD }, isNew: e[3] };
    }));
    nodes.update(this.nodes.map(function (n) {
      return silent[n.id] ? { id: n.id, color: { background: "#ffffff", border: SILENT }, borderWidth: 4 } : n;
    }));
    var fresh = edges.filter(function (e) { return e[3]; }).length;
    this.label.textContent = p.period + (p.partial ? " (" + panel.getAttribute("data-label-partial") + ")" : "");
    Array.prototype.forEach.call(document.querySelectorAll("#playback-ticks li"), function (li, i) {
      li.classList.toggle("current", i === index);
    });
    this.stats.textContent = panel.getAttribute("data-label-ties") + " " + edges.length + " · " +
      panel.getAttribute("data-label-new") + " " + fresh + " · " +
      panel.getAttribute("data-label-silent") + " " + p.silent.length;
    panel.setAttribute("data-period", p.period);
    panel.setAttribute("data-shown-edges", edges.length);
  };

  document.addEventListener("DOMContentLoaded", function () {
    var panel = document.getElementById("playback"), box = document.getElementById("network");
    if (!panel || !box) { return; }
    box.addEventListener("network-drawn", function () {
      var playback = new Playback(panel, window.cobuildNetwork);
      var freq = document.getElementById("playback-freq");
      playback.load(freq.value).catch(function () {
        panel.hidden = true;
        panel.parentNode.classList.add("empty");
      });
      playback.slider.addEventListener("input", function () { playback.show(+playback.slider.value); });
      freq.addEventListener("change", function () { playback.load(freq.value); });
      document.getElementById("playback-all").addEventListener("click", function () { playback.whole(); });
      var play = document.getElementById("playback-play");
      play.addEventListener("click", function () { playback.play(play); });
    });
  });
}());
