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

  // Tell screen-reader users how many results there are after htmx replaced the list.
  document.body.addEventListener("htmx:afterSwap", function () {
    var announcer = document.getElementById("results-announcer");
    var count = document.querySelector("#results #results-count, #results .error-summary h2");
    if (announcer && count) announcer.textContent = count.textContent.trim();
  });
})();
