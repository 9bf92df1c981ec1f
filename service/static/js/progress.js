// The progress notice of a page whose analysis is still being computed: look again shortly.
(function () {
  "use strict";
  var notice = document.getElementById("progress");
  var seconds = Number(notice && notice.dataset.refresh) || 2;
  window.setTimeout(function () {
    window.location.reload();
  }, seconds * 1000);
})();
