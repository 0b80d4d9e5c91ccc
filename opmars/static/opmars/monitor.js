/* The monitor's choropleth: collectives per 1,000 inhabitants on the municipality outlines,
   drawn offline (no tile layer). The table next to it holds the same numbers. */
(function () {
  "use strict";
  var holder = document.getElementById("choropleth");
  var dataNode = document.getElementById("choropleth-data");
  if (!holder || !dataNode || typeof L === "undefined") return;
  var rows = JSON.parse(dataNode.textContent);
  var byCode = {};
  rows.forEach(function (row) { byCode[row.code] = row; });
  // Sequential blues (ColorBrewer); class limits are quantiles so every colour is used.
  var colours = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"];
  var values = rows.map(function (r) { return r.per_1000 || 0; }).sort(function (a, b) { return a - b; });
  var limits = [0.2, 0.4, 0.6, 0.8].map(function (q) { return values[Math.floor(q * (values.length - 1))] || 0; });
  function colour(value) {
    var i = 0;
    while (i < limits.length && value > limits[i]) i++;
    return colours[i];
  }
  // Numbers in the reader's language: 1,25 on Dutch pages, 1.25 on English ones.
  var decimals = new Intl.NumberFormat(document.documentElement.lang || "nl", {
    minimumFractionDigits: 2, maximumFractionDigits: 2
  });
  var map = L.map(holder, { zoomSnap: 0.25, attributionControl: false, scrollWheelZoom: false });
  fetch(holder.dataset.outlines, { headers: { Accept: "application/geo+json, application/json" } })
    .then(function (response) { return response.json(); })
    .then(function (geojson) {
      var layer = L.geoJSON(geojson, {
        filter: function (f) { return Boolean(byCode[f.properties.code]); },
        style: function (f) {
          var row = byCode[f.properties.code];
          return { color: "#555", weight: 0.5, fillOpacity: 0.9, fillColor: colour(row.per_1000 || 0) };
        },
        onEachFeature: function (f, l) {
          var row = byCode[f.properties.code];
          l.bindTooltip(row.name + ": " + decimals.format(row.per_1000 || 0));
        }
      }).addTo(map);
      map.fitBounds(layer.getBounds());
      var legend = document.getElementById("choropleth-legend");
      if (legend) {
        var edges = [0].concat(limits);
        // Built as elements with the colour set through the DOM: CSP allows no style="".
        legend.textContent = "";
        colours.forEach(function (c, i) {
          var from = decimals.format(edges[i]);
          var to = i < limits.length ? decimals.format(limits[i]) : "…";
          var swatch = document.createElement("span");
          swatch.className = "swatch";
          swatch.style.background = c;
          if (i > 0) legend.appendChild(document.createTextNode("\u00a0\u00a0"));
          legend.appendChild(swatch);
          legend.appendChild(document.createTextNode(" " + from + "–" + to));
        });
      }
    })
    .catch(function () { holder.hidden = true; });
})();
