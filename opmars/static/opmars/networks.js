/* The members of a network on a map: clustered pins at their public points. No tiles, so it
   works offline; the list on the page holds the same collectives. */
(function () {
  "use strict";
  var holder = document.getElementById("network-map");
  var dataElement = document.getElementById("network-map-data");
  if (!holder || !dataElement || !window.L) return;
  var points = JSON.parse(dataElement.textContent);
  // maxZoom is needed by markercluster when there is no tile layer to set it.
  var map = L.map(holder, { scrollWheelZoom: false, attributionControl: false, minZoom: 6, maxZoom: 16 });
  // Province outlines as the background (offline; the site serves them).
  if (holder.dataset.outlines) {
    fetch(holder.dataset.outlines).then(function (r) { return r.json(); }).then(function (shapes) {
      L.geoJSON(shapes, {
        style: { color: "#154273", weight: 1, fillColor: "#d9e4f2", fillOpacity: 0.5 },
        interactive: false
      }).addTo(map).bringToBack();
    });
  }
  var icon = L.divIcon({ className: "pin-marker", html: "<span></span>", iconSize: [22, 22], iconAnchor: [11, 22] });
  var layer = L.markerClusterGroup ? L.markerClusterGroup() : L.featureGroup();
  points.forEach(function (p) {
    var marker = L.marker([p.lat, p.lon], { icon: icon, title: p.name, keyboard: false });
    var link = document.createElement("a");
    link.href = "/collectieven/" + encodeURIComponent(p.slug) + "/";
    link.textContent = p.name;
    marker.bindPopup(link);
    layer.addLayer(marker);
  });
  layer.addTo(map);
  var bounds = L.latLngBounds(points.map(function (p) { return [p.lat, p.lon]; }));
  map.fitBounds(bounds.pad(0.1), { maxZoom: 12 });
})();
