// Images in the post editors: the "Insert image" button, paste and drop.
// Each upload first puts a placeholder at the cursor, then swaps it for the
// Markdown the server returns; on an error the placeholder goes and the
// message is shown. Only the placeholder is ever changed, so nothing the
// user typed meanwhile is lost.
(function () {
  "use strict";

  var counter = 0;

  function csrfToken(form) {
    var input = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    if (input) { return input.value; }
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (error) {
      return "";
    }
  }

  function changed(area) {
    // Preview and draft autosave listen for input events.
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }

  // Inserts `text` on a line of its own at the cursor; returns what was
  // actually inserted (with the line breaks it needed).
  function insertAtCursor(area, text) {
    var start = area.selectionStart;
    var end = area.selectionEnd;
    var before = area.value.slice(0, start);
    var after = area.value.slice(end);
    var lead = before && !/\n$/.test(before) ? "\n" : "";
    var trail = after && !/^\n/.test(after) ? "\n" : "";
    var inserted = lead + text + trail;
    area.value = before + inserted + after;
    var cursor = before.length + lead.length + text.length;
    area.setSelectionRange(cursor, cursor);
    return { inserted: inserted, lead: lead, trail: trail };
  }

  // Swaps the placeholder for `text` (or removes it, with the line breaks it
  // added, when `text` is empty), keeping the user's cursor where it was.
  function replacePlaceholder(area, placeholder, spot, text) {
    var old = spot.inserted;
    var at = area.value.indexOf(old);
    var replacement = text ? spot.lead + text + spot.trail : "";
    if (at === -1) {
      old = placeholder;
      at = area.value.indexOf(old);
      replacement = text;
    }
    if (at === -1) {
      if (text) { insertAtCursor(area, text); }
      return;
    }
    var start = area.selectionStart;
    var end = area.selectionEnd;
    var shift = replacement.length - old.length;
    area.value = area.value.slice(0, at) + replacement + area.value.slice(at + old.length);
    var move = function (pos) {
      if (pos <= at) { return pos; }
      if (pos >= at + old.length) { return pos + shift; }
      return at + replacement.length;
    };
    area.setSelectionRange(move(start), move(end));
  }

  function setup(tools) {
    var editor = tools.closest(".editor");
    var area = editor && editor.querySelector("textarea[name=body]");
    if (!area) { return; }
    var status = tools.querySelector(".editor-upload-status");
    var input = tools.querySelector(".editor-image-input");
    area.parentNode.insertBefore(tools, area);
    tools.hidden = false;

    function upload(file) {
      counter += 1;
      var placeholder = "![" + tools.dataset.uploading + " " + counter + "]()";
      var spot = insertAtCursor(area, placeholder);
      changed(area);
      status.textContent = "";
      var body = new FormData();
      body.append("image", file, file.name || "image.png");
      fetch(tools.dataset.uploadUrl, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(area.form), "Accept": "application/json" },
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (data) {
          if (!response.ok || !data.markdown) {
            throw new Error(data.message || tools.dataset.failed);
          }
          replacePlaceholder(area, placeholder, spot, data.markdown);
        });
      }).catch(function (error) {
        replacePlaceholder(area, placeholder, spot, "");
        status.textContent = error && error.message ? error.message : tools.dataset.failed;
      }).then(function () { changed(area); });
    }

    function uploadAll(files) {
      for (var i = 0; i < files.length; i += 1) { upload(files[i]); }
    }

    tools.querySelector(".editor-image-button").addEventListener("click", function () {
      input.click();
    });
    input.addEventListener("change", function () {
      var files = Array.prototype.slice.call(input.files || []);
      input.value = "";
      area.focus();
      uploadAll(files);
    });
    area.addEventListener("paste", function (event) {
      var data = event.clipboardData;
      if (!data || !data.files || !data.files.length) { return; }
      // Text copied from a document may carry a picture of itself: keep the text.
      if (data.getData("text/plain")) { return; }
      var images = Array.prototype.filter.call(data.files, function (file) {
        return /^image\//.test(file.type);
      });
      if (!images.length) { return; }
      event.preventDefault();
      uploadAll(images);
    });
    function hasFiles(event) {
      var types = event.dataTransfer && event.dataTransfer.types;
      return types && Array.prototype.indexOf.call(types, "Files") !== -1;
    }
    area.addEventListener("dragover", function (event) {
      if (!hasFiles(event)) { return; }
      event.preventDefault();
      area.classList.add("is-dropping");
    });
    area.addEventListener("dragleave", function () { area.classList.remove("is-dropping"); });
    area.addEventListener("drop", function (event) {
      area.classList.remove("is-dropping");
      if (!hasFiles(event)) { return; }
      // Never let the browser open the file instead of the page.
      event.preventDefault();
      uploadAll(event.dataTransfer.files);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".editor-tools[data-upload-url]").forEach(setup);
  });
})();
