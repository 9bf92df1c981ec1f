// The network view's side panel (one unit, fetched as JSON, no navigation), the
// search result list and the list of chains of a path view. All text is set with
// textContent: names come from planners' ledgers and are never HTML.
(function () {
  "use strict";

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (className) { node.className = className; }
    return node;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  function Panel(view, words) {
    this.view = view;
    this.words = words;
    this.box = document.getElementById("unit-panel");
    this.title = document.getElementById("unit-panel-title");
    this.body = document.getElementById("unit-panel-body");
    this.source = view.box.getAttribute("data-panel");
    this.pathFrom = null;
    this.request = 0;
  }

  Panel.prototype.open = function (id) {
    var node = this.view.byId[id], self = this, w = this.words;
    if (!node) { return; }
    this.box.hidden = false;
    this.box.setAttribute("data-unit", id);
    this.box.setAttribute("data-state", "loading");
    this.title.textContent = node.name;
    this.body.textContent = "";
    if (node.outside || !node.url) {
      this.body.appendChild(el("p", node.outside ? w.outsideNode : ""));
      this.body.appendChild(el("p", (node.title || "").split("\n").slice(1).join(" · ")));
      this.box.setAttribute("data-state", "ready");
      return;
    }
    this.body.appendChild(el("p", w.loading, "hint"));
    var ticket = ++this.request;
    fetch(this.source.replace("UNIT", encodeURIComponent(id)), { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { if (!r.ok) { throw new Error(r.status + " " + r.statusText); } return r.json(); })
      .then(function (data) { if (ticket === self.request) { self.render(data); } })
      .catch(function (error) {
        if (ticket !== self.request) { return; }
        self.body.textContent = "";
        self.body.appendChild(el("p", error.message, "bad"));
        self.box.setAttribute("data-state", "failed");
      });
  };

  Panel.prototype.close = function () {
    this.request += 1;
    this.box.hidden = true;
    this.box.removeAttribute("data-unit");
  };

  function facts(list, rows) {
    var dl = el("dl", null, "facts");
    rows.forEach(function (row) {
      if (row[1] === "" || row[1] === null || row[1] === undefined) { return; }
      dl.appendChild(el("dt", row[0]));
      dl.appendChild(el("dd", row[1]));
    });
    list.appendChild(dl);
  }

  Panel.prototype.render = function (data) {
    var w = this.words, body = this.body, self = this;
    body.textContent = "";
    var health = el("span", data.health.label, "status status-" + data.health.level);
    facts(body, [
      [w.kind, data.kind], [w.street, data.street], [w.community, data.community],
      [w.zones, data.zones.join("、")],
      [w.activity, w.thisWindow + " " + data.activity["this"] + " · " + w.previousWindow + " " + data.activity.previous]
    ]);
    var h = el("p");
    h.appendChild(el("span", w.health + ": "));
    h.appendChild(health);
    if (data.health.score !== null && data.health.score !== undefined) {
      h.appendChild(el("span", " " + w.score + " " + Math.round(data.health.score) + " · " + data.health.rating));
    }
    body.appendChild(h);
    body.appendChild(el("h3", w.partners + " (" + data.partners.length + ")"));
    var partners = el("ul", null, "partners");
    data.partners.slice(0, 12).forEach(function (p) {
      var item = el("li");
      var pick = el("button", p.name, "link-button");
      pick.type = "button";
      pick.setAttribute("data-unit", p.id);
      pick.addEventListener("click", function () { self.onPick(p.id); });
      item.appendChild(pick);
      item.appendChild(el("span", " · " + p.street + " · " + p.joint + " " + w.joint + " (" +
        w.hostedFor + " " + p.hosted_for_them + ", " + w.hostedBy + " " + p.hosted_by_them + ")", "hint"));
      partners.appendChild(item);
    });
    if (!data.partners.length) { partners.appendChild(el("li", w.none)); }
    body.appendChild(partners);
    if (data.outside_partners.length) {
      body.appendChild(el("h3", w.otherStreets));
      var others = el("ul");
      data.outside_partners.forEach(function (o) {
        others.appendChild(el("li", o.street + " · " + o.units + " " + w.units + " · " + o.joint + " " + w.joint));
      });
      body.appendChild(others);
    }
    body.appendChild(el("h3", w.suggestions));
    var list = el("ol", null, "suggestions");
    data.suggestions.forEach(function (s) {
      var item = el("li");
      item.appendChild(el("strong", s.name));
      item.appendChild(el("span", " — " + s.reasons.join("；"), "hint"));
      list.appendChild(item);
    });
    if (!data.suggestions.length) { list.appendChild(el("li", w.none)); }
    body.appendChild(list);
    var actions = el("p", null, "actions");
    var open = el("a", w.open);
    open.href = data.url;
    open.id = "panel-unit-link";
    var focus = el("a", w.focus);
    focus.href = data.focus_url;
    focus.id = "panel-focus-link";
    actions.appendChild(open);
    actions.appendChild(document.createTextNode(" · "));
    actions.appendChild(focus);
    actions.appendChild(document.createTextNode(" · "));
    if (this.pathFrom && this.pathFrom !== data.id) {
      var to = el("a", w.pathTo);
      var url = new URL(window.location.href);
      url.searchParams.delete("focus");
      url.searchParams.delete("hops");
      url.searchParams.set("path", this.pathFrom + "," + data.id);
      to.href = url.pathname + url.search;
      to.id = "panel-path-link";
      actions.appendChild(to);
    } else {
      var from = el("button", w.pathFrom, "link-button");
      from.type = "button";
      from.id = "panel-path-from";
      from.addEventListener("click", function () {
        self.pathFrom = data.id;
        from.replaceWith(el("span", w.pathHint, "hint"));
      });
      actions.appendChild(from);
    }
    body.appendChild(actions);
    this.box.setAttribute("data-state", "ready");
    this.readyAt = performance.now();
  };

  // -- search ---------------------------------------------------------------

  function Search(view, words, choose) {
    this.view = view;
    this.words = words;
    this.choose = choose;
    this.input = document.getElementById("unit-search");
    this.list = document.getElementById("search-results");
    this.status = document.getElementById("search-status");
  }

  // Pinyin initials: a static table (tools/pinyin_table.py) of "letter characters" lines,
  // fetched on the first search by initials. A character with readings of different
  // initials (行 xíng / háng) is on each of their lines.
  var initialsTable = null;
  function loadInitials(url) {
    if (!initialsTable) {
      initialsTable = fetch(url, { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.text() : ""; })
        .catch(function () { return ""; })
        .then(function (text) {
          var table = {};
          text.split("\n").forEach(function (line) {
            var letter = line.charAt(0);
            Array.from(line.slice(2)).forEach(function (c) { table[c] = (table[c] || "") + letter; });
          });
          return table;
        });
    }
    return initialsTable;
  }

  // Per character of ``name``, the letters it may be spelled with (letters and digits as such).
  function spell(name, table) {
    var letters = [];
    Array.from(name).forEach(function (c) {
      var lower = c.toLowerCase();
      if (table[c]) { letters.push(table[c]); } else if (/[a-z0-9]/.test(lower)) { letters.push(lower); }
    });
    return letters;
  }

  function spelledAs(letters, query) {
    for (var start = 0; start + query.length <= letters.length; start += 1) {
      var i = 0;
      while (i < query.length && letters[start + i].indexOf(query.charAt(i)) >= 0) { i += 1; }
      if (i === query.length) { return true; }
    }
    return false;
  }

  Search.prototype.run = function () {
    var text = this.input.value.trim(), self = this;
    this.list.textContent = "";
    if (!text) { this.list.hidden = true; this.status.textContent = ""; return; }
    var byName = function (n) { return n.name.indexOf(text) >= 0 || n.id === text; };
    var query = text.toLowerCase(), url = this.input.getAttribute("data-initials");
    if (!/^[a-z]{2,}$/.test(query) || !url) { this.show(byName); return; }
    loadInitials(url).then(function (table) {
      if (self.input.value.trim() !== text) { return; }  // typed on meanwhile
      self.spelled = self.spelled || {};
      self.show(function (n) {
        var letters = self.spelled[n.id] || (self.spelled[n.id] = spell(n.name, table));
        return byName(n) || spelledAs(letters, query);
      });
    });
  };

  Search.prototype.show = function (matches) {
    var self = this, w = this.words;
    var found = this.view.data.nodes.filter(function (n) { return !n.outside && matches(n); });
    this.status.textContent = found.length ? fill(w.found, { n: found.length }) : w.notFound;
    found.slice(0, 50).forEach(function (n) {
      var item = el("li");
      var button = el("button", n.name, "link-button");
      button.type = "button";
      button.setAttribute("data-unit", n.id);
      button.addEventListener("click", function () { self.choose(n.id); });
      item.appendChild(button);
      var street = (n.title || "").split("\n")[2] || "";
      item.appendChild(el("span", " " + street, "hint"));
      self.list.appendChild(item);
    });
    this.list.hidden = !found.length;
    if (found.length) { this.list.querySelector("button").focus(); }
  };

  // -- path -----------------------------------------------------------------

  function showPath(meta, words) {
    var section = document.getElementById("path-result");
    if (!meta) { return; }
    section.hidden = false;
    var summary = document.getElementById("path-summary"), chains = document.getElementById("path-chains");
    chains.textContent = "";
    section.setAttribute("data-connected", meta.connected ? "yes" : "no");
    if (!meta.connected) { summary.textContent = words.notConnected; return; }
    summary.textContent = fill(words.chains, { n: meta.chains.length });
    meta.chains.forEach(function (chain) {
      var item = el("li", chain.map(function (u) { return u.name; }).join(" → "));
      item.setAttribute("data-via", chain.slice(1, -1).map(function (u) { return u.id; }).join(","));
      if (chain.length === 2) { item.appendChild(el("span", " (" + words.direct + ")", "hint")); }
      chains.appendChild(item);
    });
  }

  window.CobuildNetwork.Panel = Panel;
  window.CobuildNetwork.Search = Search;
  window.CobuildNetwork.showPath = showPath;
  window.CobuildNetwork.fill = fill;
}());
