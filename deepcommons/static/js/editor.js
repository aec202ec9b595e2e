// Editor enhancements; the editor works without them (htmx does preview and drafts).
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    // Show the preview of text already in the box (a restored draft or a form error).
    document.querySelectorAll(".editor textarea[name=body]").forEach(function (area) {
      if (area.value && window.htmx) {
        window.htmx.trigger(area, "input");
      }
      // Ctrl/Cmd+Enter submits the form.
      area.addEventListener("keydown", function (event) {
        if ((event.ctrlKey || event.metaKey) && event.key === "Enter" && area.form) {
          area.form.requestSubmit();
        }
      });
    });
    // Tell the user when they leave with unsaved text.
    document.querySelectorAll("form.editor-form").forEach(function (form) {
      var dirty = false;
      form.addEventListener("input", function () { dirty = true; });
      form.addEventListener("submit", function () { dirty = false; });
      window.addEventListener("beforeunload", function (event) {
        if (dirty) { event.preventDefault(); }
      });
    });
  });
})();
