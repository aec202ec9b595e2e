// Visitors without an account have no chosen time zone; show event times in
// the browser's own zone instead of UTC (members see their chosen zone).
(function () {
  "use strict";
  function localise() {
    var lang = document.documentElement.lang || undefined;
    var full = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" });
    var timeOnly = new Intl.DateTimeFormat(lang, { timeStyle: "short" });
    document.querySelectorAll("time[data-local-time]").forEach(function (node) {
      var when = new Date(node.getAttribute("datetime"));
      if (isNaN(when.getTime())) { return; }
      var format = node.getAttribute("data-local-time") === "time" ? timeOnly : full;
      node.textContent = format.format(when);
    });
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone) {
      document.querySelectorAll("[data-zone-label]").forEach(function (node) {
        node.textContent = "(" + zone + ")";
      });
    }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", localise); } else { localise(); }
})();
