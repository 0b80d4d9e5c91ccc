/* Small progressive enhancements; every page works without this file. */
(function () {
  "use strict";

  // On a phone the extra filters start folded away, unless one of them is in use (on the map
  // page always, so the map itself is near the top).
  var narrow = window.matchMedia("(max-width: 56em)");
  document.querySelectorAll("details.filter-more").forEach(function (details) {
    var inUse = Array.prototype.some.call(details.querySelectorAll("select"), function (select) {
      return select.value !== "";
    });
    if (narrow.matches && (!inUse || details.closest("#map-filters"))) details.open = false;
  });

  // The folded menu of a phone (a <details>) closes with Escape too, and gives focus back to
  // its "Menu" button. On a wide screen that button is hidden and the menu always shown.
  document.querySelectorAll("details.site-menu").forEach(function (menu) {
    var button = menu.querySelector("summary");
    menu.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !menu.open || !button.offsetParent) return;
      menu.open = false;
      button.focus();
    });
  });

  // Tell screen-reader users how many results there are after htmx replaced the list.
  document.body.addEventListener("htmx:afterSwap", function () {
    var announcer = document.getElementById("results-announcer");
    var count = document.querySelector("#results #results-count, #results .error-summary h2");
    if (announcer && count) announcer.textContent = count.textContent.trim();
  });
})();
