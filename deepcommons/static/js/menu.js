// The header's menu button. Loaded in <head> without `defer`, so the
// `has-menu-js` class is set before the header is painted and narrow screens
// never see the menu open and then jump shut. Without this file the button
// stays hidden and the menu stays open, so every link is still reachable.
(function () {
  "use strict";
  document.documentElement.classList.add("has-menu-js");

  function setOpen(button, menu, open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    menu.classList.toggle("is-open", open);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector(".menu-toggle[aria-controls]");
    var menu = button && document.getElementById(button.getAttribute("aria-controls"));
    if (!menu) return;
    button.addEventListener("click", function () {
      setOpen(button, menu, button.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        setOpen(button, menu, false);
        button.focus();
      }
    });
  });
})();
