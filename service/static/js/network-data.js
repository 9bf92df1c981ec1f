// Asks for the network's nodes and ties as soon as the page is parsed, before the
// 500 KB of vis-network are compiled: the server builds the answer meanwhile.
// network.js takes the answer from window.CobuildNetworkData.
(function () {
  "use strict";
  var box = document.getElementById("network");
  if (!box || !window.fetch) { return; }
  var answer = fetch(box.getAttribute("data-source"), { headers: { Accept: "application/json" }, credentials: "same-origin" })
    .then(function (response) {
      if (!response.ok) { throw new Error(response.status + " " + response.statusText); }
      return response.json();
    });
  answer.catch(function () { return null; });  // handled by network.js; no unhandled rejection meanwhile
  window.CobuildNetworkData = answer;
}());
