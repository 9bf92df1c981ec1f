// The network view's ties, drawn by the page rather than by vis-network.
//
// vis-network builds an object per edge with its own options, fonts and hit tests: for
// the 46,000 ties of 5,000 units that setup alone takes seconds, and every redraw
// strokes each tie on its own. Here the ties are plain records (Links), grouped by
// style into a few Path2D, built once per change and stroked under vis-network's
// nodes on each frame. While the planner drags the view (hideEdgesOnDrag, as the
// server's options ask) or zooms a network of over 10,000 ties, the ties are left out
// until the movement stops: a canvas strokes them later than the call returns, so their
// cost cannot be timed here.
(function () {
  "use strict";
  var TIE = "rgba(120,120,120,0.35)", SUGGESTED_DASH = [5, 5];
  var WIDTH_MIN = 1, WIDTH_MAX = 8;   // vis-network's edges.scaling in the server's options
  var MANY = 10000;                   // above this many ties, none are drawn while zooming
  var SETTLE_MS = 160;                // after the last zoom step, draw the ties again

  // The ties as plain records, with the three calls playback.js and the tests use of a
  // vis DataSet (length, get, clear, add); every change is handed to ``onChange``.
  function Links(items) {
    this.items = (items || []).slice();
    this.onChange = null;
  }
  Object.defineProperty(Links.prototype, "length", { get: function () { return this.items.length; } });
  Links.prototype.get = function () { return this.items.slice(); };
  Links.prototype.clear = function () { this.items = []; this.changed(); };
  Links.prototype.add = function (list) {
    this.items = this.items.concat(Array.isArray(list) ? list : [list]);
    this.changed();
  };
  Links.prototype.forEach = function (fn) { this.items.forEach(fn); };
  Links.prototype.changed = function () { if (this.onChange) { this.onChange(); } };

  // vis-network's default scaling of ``value`` to a width (customScalingFunction).
  function scaler(items) {
    var low = Infinity, high = -Infinity;
    items.forEach(function (e) {
      if (typeof e.value === "number") { low = Math.min(low, e.value); high = Math.max(high, e.value); }
    });
    return function (value) {
      var share = high === low ? 0.5 : Math.max(0, (value - low) / (high - low));
      return WIDTH_MIN + share * (WIDTH_MAX - WIDTH_MIN);
    };
  }

  function styleOf(e, width) {
    var colour = e.color ? (typeof e.color === "object" ? e.color.color : e.color) : TIE;
    var w = typeof e.width === "number" ? e.width : typeof e.value === "number" ? width(e.value) : 1;
    var dashes = e.dashes === true ? SUGGESTED_DASH : Array.isArray(e.dashes) ? e.dashes : null;
    return { colour: colour || TIE, width: Math.round(w * 2) / 2, dashes: dashes };
  }

  // Draws ``links`` between the nodes of ``view`` (byId, shown) on vis-network's canvas.
  function EdgeLayer(view, links) {
    var self = this, network = view.network;
    this.view = view;
    this.links = links;
    this.groups = null;
    this.dragging = false;
    this.zooming = false;
    this.hideOnDrag = !!(view.data.options.interaction || {}).hideEdgesOnDrag;
    links.onChange = function () {  // playback clears and adds: one redraw for both, next frame
      self.invalidate();
      if (self.pending) { return; }
      self.pending = true;
      requestAnimationFrame(function () { self.pending = false; network.redraw(); });
    };
    network.on("beforeDrawing", function (ctx) { self.draw(ctx); });
    network.on("dragStart", function () { self.dragging = self.hideOnDrag; });
    network.on("dragEnd", function () { if (self.dragging) { self.dragging = false; network.redraw(); } });
    network.on("zoom", function () { if (self.links.length > MANY) { self.zooming = true; self.settle(); } });
  }

  EdgeLayer.prototype.invalidate = function () { this.groups = null; };

  EdgeLayer.prototype.settle = function () {
    var self = this;
    clearTimeout(this.timer);
    this.timer = setTimeout(function () {
      self.zooming = false;
      self.view.network.redraw();
    }, SETTLE_MS);
  };

  // One Path2D per style (colour, width, dashes) of the ties whose ends are both shown.
  EdgeLayer.prototype.build = function () {
    var view = this.view, items = this.links.items, width = scaler(items), groups = {}, list = [];
    items.forEach(function (e) {
      var a = view.byId[e.from], b = view.byId[e.to];
      if (!a || !b || !view.shown(e.from) || !view.shown(e.to)) { return; }
      var style = styleOf(e, width);
      var key = style.colour + "|" + style.width + "|" + (style.dashes || "");
      var group = groups[key];
      if (!group) {
        group = groups[key] = { style: style, path: new Path2D(), count: 0 };
        list.push(group);
      }
      group.path.moveTo(a.x, a.y);
      group.path.lineTo(b.x, b.y);
      group.count += 1;
    });
    // Thin ties first, strong and dashed (suggested, outside) ones over them.
    list.sort(function (p, q) { return p.style.width - q.style.width || (p.style.dashes ? 1 : 0) - (q.style.dashes ? 1 : 0); });
    return list;
  };

  EdgeLayer.prototype.draw = function (ctx) {
    if (this.dragging || this.zooming) { return; }
    if (!this.groups) { this.groups = this.build(); }
    var scale = this.view.network.getScale();
    ctx.save();
    ctx.lineCap = "round";
    this.groups.forEach(function (g) {
      ctx.strokeStyle = g.style.colour;
      // As vis-network: widths in canvas units, never thinner than a faint hairline on screen.
      ctx.lineWidth = Math.max(g.style.width, 0.5 / scale);
      ctx.setLineDash(g.style.dashes || []);
      ctx.stroke(g.path);
    });
    ctx.restore();
  };

  // Ties shown (both ends shown): for the counts in the header.
  EdgeLayer.prototype.visible = function (fn) {
    var view = this.view;
    this.links.items.forEach(function (e) {
      if (view.byId[e.from] && view.byId[e.to] && view.shown(e.from) && view.shown(e.to)) { fn(e); }
    });
  };

  window.CobuildNetwork = window.CobuildNetwork || {};
  window.CobuildNetwork.Links = Links;
  window.CobuildNetwork.EdgeLayer = EdgeLayer;
}());
