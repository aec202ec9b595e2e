// Small progressive enhancements; every page works without them.
(function () {
  "use strict";
  var root = document.documentElement;

  function effectiveTheme() {
    var t = root.getAttribute("data-theme");
    if (t === "light" || t === "dark") return t;
    return window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  function setTheme(theme) {
    root.setAttribute("data-theme", theme);
    document.cookie = "dc_theme=" + theme + "; path=/; max-age=31536000; samesite=lax";
    try { localStorage.setItem("dc_theme", theme); } catch (e) { /* private mode */ }
    var button = document.getElementById("theme-toggle");
    if (button) button.setAttribute("aria-pressed", theme === "dark" ? "true" : "false");
  }

  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("theme-toggle");
    if (button) {
      button.setAttribute("aria-pressed", effectiveTheme() === "dark" ? "true" : "false");
      button.addEventListener("click", function () {
        setTheme(effectiveTheme() === "dark" ? "light" : "dark");
      });
    }
    document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      select.addEventListener("change", function () { select.form.submit(); });
    });
    document.querySelectorAll("[data-select-on-focus]").forEach(function (input) {
      input.addEventListener("focus", function () { input.select(); });
    });
  });
})();
