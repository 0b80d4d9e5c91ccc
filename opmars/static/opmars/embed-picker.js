// /insluiten/: show only the field that names what is chosen, and once a code is shown, renew
// it and the preview in place when a choice from a list changes (no reload, focus stays).
// Without this script the page works the same through "Maak de code".
(function () {
  "use strict";
  var form = document.getElementById("embed-form");
  if (!form) return;
  var snippet = document.getElementById("embed-snippet");
  var preview = document.querySelector(".embed-preview");
  var link = document.getElementById("embed-link");

  function checked(name, fallback) {
    var input = form.querySelector("input[name=" + name + "]:checked");
    return input ? input.value : fallback;
  }

  function quoted(text) {
    return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  }

  function showTarget(kind) {
    form.querySelectorAll(".embed-target").forEach(function (target) {
      target.hidden = target.getAttribute("data-kind") !== kind;
    });
  }

  function renew(kind) {
    var target = form.querySelector('.embed-target[data-kind="' + kind + '"]');
    var select = target && target.querySelector("select");
    if (!snippet || !preview || !select || !select.value) return;
    var language = checked("taal", "nl");
    var path = form.getAttribute("data-base") + kind + "/" + encodeURIComponent(select.value) + "/";
    if (language !== "nl") path += "?taal=" + language;
    var url = form.getAttribute("data-origin") + path;
    var name = select.options[select.selectedIndex].text;
    var title = form.getAttribute("data-title").replace("%(name)s", name);
    var height = target.getAttribute("data-height");
    // Written out, not built as an element: setting its style attribute would break the
    // page's Content-Security-Policy.
    snippet.value =
      '<iframe src="' + quoted(url) + '" title="' + quoted(title) + '" width="100%" height="' +
      height + '" style="border:0" loading="lazy"></iframe>';
    if (link) link.textContent = url;
    preview.setAttribute("title", title);
    preview.setAttribute("height", height);
    preview.setAttribute("src", path);
    // The address bar keeps up, so a reload or a shared link shows the same choice.
    var query = new URLSearchParams({ soort: kind, taal: language });
    query.set(select.name, select.value);
    history.replaceState(null, "", "?" + query.toString());
  }

  form.addEventListener("change", function () {
    var kind = checked("soort", "gemeenten");
    showTarget(kind);
    if (kind !== "collectieven") renew(kind);
  });
  showTarget(checked("soort", "gemeenten"));
})();
