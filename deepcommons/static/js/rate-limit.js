// A 429 from htmx carries a notice the server aims at the form that posted
// (HX-Retarget/HX-Reswap). htmx does not swap error answers by default, so
// let this one through, after removing an earlier notice. The form itself is
// never swapped, so whatever the member typed stays where it was.
(function () {
  "use strict";
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr.status !== 429) return;
    document.querySelectorAll(".rate-limit-notice").forEach(function (notice) { notice.remove(); });
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  });
})();
