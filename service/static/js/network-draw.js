// The network view's drawing: vis-network draws the nodes at positions from the
// server (physics off), network-edges.js the ties under them, and this file what
// vis-network does not do by itself: street captions over their clusters and names
// of the units that matter without overlaps (after each frame), and the highlight of
// a unit's partners with the rest dimmed, on a canvas of its own over the network so
// that hovering or selecting repaints a few dozen shapes, not the whole network.
// Shared as window.CobuildNetwork; network.js wires it to the page.
(function () {
  "use strict";
  var N = window.CobuildNetwork;
  var LABEL_PX = 12, CAPTION_PX = 15, TOP_LABELS = 40, ALL_LABELS_SCALE = 1.2;

  function View(box, data, words) {
    var self = this;
    this.box = box;
    this.data = data;
    this.words = words;
    this.byId = {};
    this.neighbours = {};
    this.hiddenCats = {};
    this.selected = null;
    this.hover = null;
    this.labelBoxes = [];
    this.labelCache = null;
    data.nodes.forEach(function (n) { self.byId[n.id] = n; self.neighbours[n.id] = []; });
    data.edges.forEach(function (e) {
      if (e.suggested || !self.byId[e.from] || !self.byId[e.to]) { return; }
      self.neighbours[e.from].push({ id: e.to, w: e.value || 1 });
      self.neighbours[e.to].push({ id: e.from, w: e.value || 1 });
    });
    this.order = data.nodes.slice().sort(function (a, b) { return (b.measure || 0) - (a.measure || 0); });
    this.nodes = new vis.DataSet(data.nodes);
    this.edges = new N.Links(data.edges);
    this.nodeView = new vis.DataView(this.nodes, { filter: function (n) { return self.shown(n.id); } });
    var options = data.options;
    // The page picks, selects and highlights by itself (pick, overlay): vis-network's own
    // hover and selection would redraw the whole network on every change.
    options.interaction = Object.assign({}, options.interaction, {
      dragNodes: false, selectConnectedEdges: false, hover: false, selectable: false
    });
    options.layout = Object.assign({}, options.layout, { improvedLayout: false });  // positions are given
    this.network = new vis.Network(box, { nodes: this.nodeView, edges: new vis.DataSet() }, options);
    this.edgeLayer = new N.EdgeLayer(this, this.edges);
    this.overlay = document.createElement("canvas");
    this.overlay.className = "network-overlay";
    this.overlay.setAttribute("aria-hidden", "true");
    (box.querySelector(".vis-network") || box).appendChild(this.overlay);
    this.network.on("afterDrawing", function (ctx) { self.paint(ctx); self.highlight(); });
    this.network.on("zoom", function () { self.labelCache = null; });
  }

  View.prototype.shown = function (id) {
    var n = this.byId[id];
    return !!n && !this.hiddenCats[n.cat];
  };

  // The node under a canvas point: the one whose centre is nearest, among those
  // whose disc holds the point (in a dense street discs overlap).
  View.prototype.pick = function (point) {
    var best = null, bestDistance = Infinity, self = this;
    this.data.nodes.forEach(function (n) {
      if (!self.shown(n.id)) { return; }
      var dx = n.x - point.x, dy = n.y - point.y, d = Math.sqrt(dx * dx + dy * dy);
      if (d <= (n.size || 6) + 2 && d < bestDistance) { best = n.id; bestDistance = d; }
    });
    return best;
  };

  View.prototype.toggle = function (key) {
    this.hiddenCats[key] = !this.hiddenCats[key];
    this.edgeLayer.invalidate();
    this.nodeView.refresh();
    this.labelCache = null;
    if (this.selected && !this.shown(this.selected)) { this.selected = null; }
    return !this.hiddenCats[key];
  };

  View.prototype.counts = function () {
    var units = 0, outside = 0, ties = 0;
    this.nodeView.forEach(function (n) { if (n.outside) { outside += 1; } else { units += 1; } });
    this.edgeLayer.visible(function (e) { if (!e.suggested && !e.outside) { ties += 1; } });
    return { units: units, outside: outside, ties: ties };
  };

  View.prototype.focusOn = function (id) {
    var n = this.byId[id];
    if (!n) { return; }
    this.network.moveTo({ position: { x: n.x, y: n.y }, scale: Math.max(this.network.getScale(), 1.4), animation: false });
    this.labelCache = null;
  };

  // -- painting ----------------------------------------------------------

  View.prototype.paint = function (ctx) {
    var scale = this.network.getScale();
    this.paintCaptions(ctx, scale);
    this.paintLabels(ctx, scale);
  };

  // The highlight of the hovered or selected unit, on the overlay: the network under it
  // is not redrawn. Called on every hover or selection change and after each frame.
  View.prototype.highlight = function () {
    var started = performance.now();
    var centre = this.hover || this.selected;
    if (centre && !this.shown(centre)) { centre = null; }
    var canvas = this.overlay, ratio = window.devicePixelRatio || 1;
    var width = this.box.clientWidth, height = this.box.clientHeight;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    var ctx = canvas.getContext("2d");
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    if (centre) {
      var scale = this.network.getScale(), origin = this.network.canvasToDOM({ x: 0, y: 0 });
      ctx.fillStyle = "rgba(255,255,255,0.82)";
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.setTransform(ratio * scale, 0, 0, ratio * scale, ratio * origin.x, ratio * origin.y);
      this.paintHighlight(ctx, centre, scale);
    }
    this.box.setAttribute("data-highlight", centre || "");
    this.paintedAt = performance.now();
    this.lastPaint = this.paintedAt - started;
  };

  View.prototype.paintCaptions = function (ctx, scale) {
    var px = CAPTION_PX / Math.max(scale, 0.15);
    ctx.save();
    ctx.font = "bold " + px + "px sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "bottom";
    ctx.lineWidth = px / 4;
    ctx.strokeStyle = "rgba(255,255,255,0.9)";
    ctx.fillStyle = "#5d4037";
    (this.data.captions || []).forEach(function (c) {
      ctx.strokeText(c.text, c.x, c.y - 4 / scale);
      ctx.fillText(c.text, c.x, c.y - 4 / scale);
    });
    ctx.restore();
  };

  function overlaps(a, list) {
    for (var i = 0; i < list.length; i += 1) {
      var b = list[i];
      if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) { return true; }
    }
    return false;
  }

  // Which names fit at this zoom: the units that matter first (by the sizing
  // measure), each kept only if its box overlaps no caption or name already kept.
  View.prototype.layoutLabels = function (ctx, scale) {
    var px = LABEL_PX / scale, self = this, kept = [], boxes = [];
    ctx.font = px + "px sans-serif";
    (this.data.captions || []).forEach(function (c) {
      var w = ctx.measureText(c.text).width * CAPTION_PX / LABEL_PX;
      boxes.push({ x: c.x - w / 2, y: c.y - (4 + CAPTION_PX) / scale, w: w * 1.1, h: CAPTION_PX / scale });
    });
    var candidates = scale >= ALL_LABELS_SCALE ? this.order : this.order.slice(0, TOP_LABELS);
    candidates.forEach(function (n) {
      if (!self.shown(n.id) || !n.name) { return; }
      var w = ctx.measureText(n.name).width;
      var box = { x: n.x - w / 2, y: n.y + (n.size || 6) + 2 / scale, w: w, h: px * 1.2 };
      if (!overlaps(box, boxes)) { boxes.push(box); kept.push({ id: n.id, box: box }); }
    });
    return { scale: scale, px: px, kept: kept };
  };

  View.prototype.paintLabels = function (ctx, scale) {
    if (!this.labelCache || this.labelCache.scale !== scale) { this.labelCache = this.layoutLabels(ctx, scale); }
    var cache = this.labelCache, self = this, net = this.network;
    ctx.save();
    ctx.font = cache.px + "px sans-serif";
    ctx.textBaseline = "top";
    ctx.fillStyle = "#212121";
    ctx.strokeStyle = "rgba(255,255,255,0.85)";
    ctx.lineWidth = cache.px / 4;
    this.labelBoxes = [];
    cache.kept.forEach(function (k) {
      var n = self.byId[k.id];
      ctx.strokeText(n.name, k.box.x, k.box.y);
      ctx.fillText(n.name, k.box.x, k.box.y);
      var a = net.canvasToDOM({ x: k.box.x, y: k.box.y });
      var b = net.canvasToDOM({ x: k.box.x + k.box.w, y: k.box.y + k.box.h });
      self.labelBoxes.push({ id: k.id, x: a.x, y: a.y, w: b.x - a.x, h: b.y - a.y });
    });
    ctx.restore();
  };

  View.prototype.paintHighlight = function (ctx, centre, scale) {
    var self = this, n = this.byId[centre];
    ctx.save();
    var partners = this.neighbours[centre].filter(function (p) { return self.shown(p.id); });
    ctx.strokeStyle = "#b71c1c";
    partners.forEach(function (p) {
      var m = self.byId[p.id];
      ctx.lineWidth = Math.min(1 + Math.log(1 + p.w), 5) / Math.max(scale, 0.3);
      ctx.beginPath();
      ctx.moveTo(n.x, n.y);
      ctx.lineTo(m.x, m.y);
      ctx.stroke();
    });
    var px = LABEL_PX / scale, kept = [];
    ctx.font = px + "px sans-serif";
    ctx.textBaseline = "top";
    var shown = partners.slice().sort(function (a, b) { return b.w - a.w; }).map(function (p) { return self.byId[p.id]; });
    shown.concat([n]).forEach(function (m) {
      var colour = typeof m.color === "object" ? m.color.background : m.color;
      ctx.beginPath();
      ctx.arc(m.x, m.y, m.size || 6, 0, 2 * Math.PI);
      ctx.fillStyle = colour || "#757575";
      ctx.fill();
      ctx.lineWidth = (m.id === centre ? 3 : 1.5) / Math.max(scale, 0.3);
      ctx.strokeStyle = m.id === centre ? "#000" : "#424242";
      ctx.stroke();
    });
    // Names: the unit first, then its partners by tie strength, none over another.
    [n].concat(shown).forEach(function (m) {
      var w = ctx.measureText(m.name).width;
      var box = { x: m.x - w / 2, y: m.y + (m.size || 6) + 2 / scale, w: w, h: px * 1.2 };
      if (overlaps(box, kept)) { return; }
      kept.push(box);
      ctx.lineWidth = px / 4;
      ctx.strokeStyle = "rgba(255,255,255,0.9)";
      ctx.strokeText(m.name, box.x, box.y);
      ctx.fillStyle = m.id === centre ? "#b71c1c" : "#212121";
      ctx.fillText(m.name, box.x, box.y);
    });
    ctx.restore();
  };

  N.View = View;
}());
