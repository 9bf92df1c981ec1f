// PNG export of what is on screen: the drawn canvas, a caption (scope, window, data
// date) above it and the legend of the categories shown beside it, downloaded as a
// data: URL (nothing leaves the page).
(function () {
  "use strict";
  var LEGEND_WIDTH = 280, CAPTION_HEIGHT = 48, ROW = 22;

  function png(view, words) {
    var source = view.box.querySelector("canvas");
    var meta = view.data.meta || {};
    var legend = (view.data.legend || []).filter(function (item) { return !view.hiddenCats[item.key]; });
    var ratio = source.width / source.clientWidth || 1;
    var width = source.clientWidth + LEGEND_WIDTH;
    var height = Math.max(source.clientHeight, legend.length * ROW + 60) + CAPTION_HEIGHT;
    var canvas = document.createElement("canvas");
    canvas.width = width * ratio;
    canvas.height = height * ratio;
    var ctx = canvas.getContext("2d");
    ctx.scale(ratio, ratio);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, width, height);
    ctx.fillStyle = "#212121";
    ctx.font = "bold 15px sans-serif";
    ctx.textBaseline = "top";
    var scope = meta.scope_label || meta.scope;
    var window_ = meta.window ? meta.window.start + " – " + meta.window.end : "";
    ctx.fillText(document.title.split(" · ")[0], 10, 6);
    ctx.font = "13px sans-serif";
    ctx.fillText(words.scope + ": " + scope + " · " + words.window + ": " + window_ + " · " +
      words.dataDate + ": " + (meta.data_date || "—"), 10, 26);
    ctx.drawImage(source, 0, CAPTION_HEIGHT, source.clientWidth, source.clientHeight);
    if (view.overlay) {  // the highlight of the selected unit, as on screen
      ctx.drawImage(view.overlay, 0, CAPTION_HEIGHT, source.clientWidth, source.clientHeight);
    }
    var x = source.clientWidth + 12, y = CAPTION_HEIGHT + 8;
    ctx.font = "bold 14px sans-serif";
    ctx.fillText(words.legend, x, y);
    ctx.font = "13px sans-serif";
    legend.forEach(function (item, i) {
      var top = y + 24 + i * ROW;
      ctx.fillStyle = item.colour;
      ctx.beginPath();
      ctx.arc(x + 6, top + 7, 6, 0, 2 * Math.PI);
      ctx.fill();
      ctx.fillStyle = "#212121";
      ctx.fillText(item.label + " (" + item.count + ")", x + 18, top);
    });
    return canvas.toDataURL("image/png");
  }

  function download(view, words) {
    var link = document.createElement("a");
    var end = view.data.meta && view.data.meta.window ? view.data.meta.window.end : "";
    link.href = png(view, words);
    link.download = "network-" + end + ".png";
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  window.CobuildNetwork.png = png;
  window.CobuildNetwork.downloadPng = download;
}());
