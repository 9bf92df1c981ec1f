// Suggested partners: list them on the unit page (fetched from the JSON API), and
// accept or dismiss one (on the unit page and the /suggestions page). No inline
// script (the CSP allows scripts from this origin only); every text goes in as
// textContent; the CSRF token comes from <meta name="csrf-token">.
(function () {
  "use strict";

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function decide(url, partner, decision, note, owner, due) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "X-CSRF-Token": csrfToken()
      },
      body: JSON.stringify({
        partner: partner, decision: decision, note: note || "", owner: owner || "", due: due || ""
      })
    }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) { throw body; }
        return body;
      });
    });
  }

  function labels(box) {
    return {
      accept: box.getAttribute("data-label-accept"),
      dismiss: box.getAttribute("data-label-dismiss"),
      accepted: box.getAttribute("data-label-accepted"),
      dismissed: box.getAttribute("data-label-dismissed"),
      undo: box.getAttribute("data-label-undo"),
      undone: box.getAttribute("data-label-undone"),
      owner: box.getAttribute("data-label-owner"),
      due: box.getAttribute("data-label-due"),
      isolated: box.getAttribute("data-label-isolated"),
      group: box.getAttribute("data-label-group"),
      note: box.getAttribute("data-label-note"),
      empty: box.getAttribute("data-label-empty"),
      failed: box.getAttribute("data-label-failed")
    };
  }

  function showDecision(item, decision, text) {
    var standing = decision === "undo" ? "" : decision;
    item.setAttribute("data-decision", standing);
    item.classList.toggle("dismissed", standing === "dismiss");
    var status = item.querySelector(".decision-status");
    if (status) { status.textContent = text; }
    var undo = item.querySelector("button.undo");
    if (undo) { undo.hidden = !standing; }
  }

  function statusText(words, decision) {
    return { accept: words.accepted, dismiss: words.dismissed, undo: words.undone }[decision] || "";
  }

  // One click handler for every accept / dismiss button on the page.
  function onClick(event) {
    var button = event.target.closest("button.decide");
    if (!button) { return; }
    var item = button.closest("li, tr");
    var box = button.closest("[data-label-accepted]");
    var words = labels(box);
    var url = button.getAttribute("data-url") ||
      box.getAttribute("data-decide-template").replace("__UNIT__", encodeURIComponent(button.getAttribute("data-unit")));
    var decision = button.getAttribute("data-decision");
    function value(selector) {
      var input = item.querySelector(selector);
      return input ? input.value : "";
    }
    var buttons = item.querySelectorAll("button.decide");
    Array.prototype.forEach.call(buttons, function (b) { b.disabled = true; });
    decide(url, button.getAttribute("data-partner"), decision, value("input.note"),
      decision === "accept" ? value("input.owner") : "", decision === "accept" ? value("input.due") : "")
      .then(function () {
        showDecision(item, decision, statusText(words, decision));
        Array.prototype.forEach.call(buttons, function (b) { b.disabled = false; });
      })
      .catch(function (body) {
        var message = body && body.error ? (document.documentElement.lang === "en" ? body.error.message_en : body.error.message_zh) : "";
        var status = item.querySelector(".decision-status");
        if (status) { status.textContent = words.failed + (message ? "：" + message : ""); }
        Array.prototype.forEach.call(buttons, function (b) { b.disabled = false; });
      });
  }

  function decisionButton(box, s, decision, className, text) {
    var button = element("button", className, text);
    button.type = "button";
    button.setAttribute("data-url", box.getAttribute("data-decide"));
    button.setAttribute("data-partner", s.partner);
    button.setAttribute("data-decision", decision);
    return button;
  }

  function labelled(text, input) {
    var label = element("label", null, text + " ");
    label.appendChild(input);
    return label;
  }

  function suggestionItem(box, s, words) {
    var english = box.getAttribute("data-lang") === "en";
    var item = element("li");
    item.setAttribute("data-partner", s.partner);
    var link = element("a", null, s.partner_name);
    link.href = box.getAttribute("data-unit-url").replace("__UNIT__", encodeURIComponent(s.partner));
    item.appendChild(link);
    if (s.partner_isolated) {
      item.appendChild(document.createTextNode(" "));
      item.appendChild(element("span", "tag warn isolated-partner", words.isolated));
    }
    if (s.group_with) {
      item.appendChild(document.createTextNode(" "));
      item.appendChild(element("span", "tag group-with", words.group + s.group_with.name));
    }
    item.appendChild(element("div", "shares", english ? s.shares_en : s.shares_zh));
    var reasons = s.reasons.map(function (r) { return english ? r.en : r.zh; });
    item.appendChild(element("div", "reasons", reasons.join(english ? "; " : "；")));
    if (box.getAttribute("data-can-decide") === "1") {
      var form = element("span", "decide-form");
      var owner = element("input", "owner");
      owner.type = "text";
      owner.maxLength = 60;
      owner.value = box.getAttribute("data-me") || "";
      form.appendChild(labelled(words.owner, owner));
      var due = element("input", "due");
      due.type = "date";
      due.value = box.getAttribute("data-default-due") || "";
      form.appendChild(labelled(words.due, due));
      var note = element("input", "note");
      note.type = "text";
      note.maxLength = 500;
      note.placeholder = words.note;
      note.setAttribute("aria-label", words.note);
      form.appendChild(note);
      form.appendChild(decisionButton(box, s, "accept", "decide button", words.accept));
      form.appendChild(decisionButton(box, s, "dismiss", "decide", words.dismiss));
      item.appendChild(form);
      var undo = decisionButton(box, s, "undo", "decide undo", words.undo);
      undo.hidden = true;
      item.appendChild(undo);
      item.appendChild(element("span", "decision-status"));
      item.lastChild.setAttribute("role", "status");
    }
    if (s.decision) {
      showDecision(item, s.decision, statusText(words, s.decision));
    }
    return item;
  }

  function load(box) {
    var list = box.querySelector("ol");
    var words = labels(box);
    fetch(box.getAttribute("data-source"), { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (data) {
        list.textContent = "";
        if (!data.suggestions.length) { list.appendChild(element("li", null, words.empty)); }
        data.suggestions.forEach(function (s) { list.appendChild(suggestionItem(box, s, words)); });
        box.setAttribute("data-state", "loaded");
      })
      .catch(function () {
        list.textContent = "";
        list.appendChild(element("li", "bad", words.failed));
        box.setAttribute("data-state", "failed");
      });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.addEventListener("click", onClick);
    var box = document.getElementById("suggestions");
    if (box && box.getAttribute("data-source")) { load(box); }
  });
}());
