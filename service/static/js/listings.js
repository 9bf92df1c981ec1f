// 需求对接: claim a need for an offering unit (POST JSON with the CSRF header), and mark a
// listing done on the unit page. No inline script; every text goes in as textContent.
(function () {
  "use strict";

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": csrfToken() },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) { throw data; }
        return data;
      });
    });
  }

  function message(body) {
    if (!body || !body.error) { return ""; }
    return document.documentElement.lang === "en" ? body.error.message_en : body.error.message_zh;
  }

  function onClick(event) {
    var button = event.target.closest("button.claim, button.listing-status");
    if (!button) { return; }
    var item = button.closest("li, tr");
    var box = button.closest("[data-label-failed]");
    var status = item.querySelector("[role=status]");
    button.disabled = true;
    var claiming = button.classList.contains("claim");
    var due = item.querySelector("input.due");
    var body = claiming
      ? { partner: button.getAttribute("data-partner"), due: due ? due.value : "" }
      : { status: button.getAttribute("data-status") };
    post(button.getAttribute("data-url"), body)
      .then(function (data) {
        var row = button.closest("tr");
        if (claiming && row) {
          row.setAttribute("data-claimed", button.getAttribute("data-partner"));
          Array.prototype.forEach.call(row.querySelectorAll("button.claim"), function (b) { b.disabled = true; });
        }
        if (!claiming && row) { row.setAttribute("data-status", data.listing.status); }
        if (status) { status.textContent = box.getAttribute(claiming ? "data-label-claimed" : "data-label-saved"); }
      })
      .catch(function (body) {
        button.disabled = false;
        var said = message(body);
        if (status) { status.textContent = box.getAttribute("data-label-failed") + (said ? "：" + said : ""); }
      });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.addEventListener("click", onClick);
  });
}());
