// Adds a "Copy" button to every highlighted code block (div.highlight) that
// core.markdown renders. No inline script or handler, so it works under the
// site's CSP. Labels come from this script tag's data attributes, which the
// template translates.
(function () {
  "use strict";
  var script = document.currentScript;
  var copyLabel = (script && script.getAttribute("data-label-copy")) || "Copy";
  var copiedLabel = (script && script.getAttribute("data-label-copied")) || "Copied";
  var failedLabel = (script && script.getAttribute("data-label-failed")) || "Copy failed";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Plain-HTTP fallback: select a hidden textarea and use execCommand.
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "copy-code-buffer";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }

  function addButton(block) {
    if (block.querySelector(":scope > .copy-code")) return;
    var code = block.querySelector("pre");
    if (!code) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-code";
    button.textContent = copyLabel;
    button.addEventListener("click", function () {
      copyText(code.textContent).then(function () {
        button.textContent = copiedLabel;
      }, function () {
        button.textContent = failedLabel;
      }).then(function () {
        window.setTimeout(function () { button.textContent = copyLabel; }, 2000);
      });
    });
    block.insertBefore(button, block.firstChild);
  }

  function enhance(root) {
    root.querySelectorAll("div.highlight").forEach(addButton);
  }

  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  // Content swapped in by htmx gets buttons too.
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.target && event.target.querySelectorAll) enhance(event.target);
  });
})();
