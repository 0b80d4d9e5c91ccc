/* The small map on a collective's page: the seat municipality's outline and one pin at the
   public point. No tiles, so it works offline; the page text states the precision. */
(function () {
  "use strict";
  var holder = document.getElementById("mini-map");
  var dataElement = document.getElementById("mini-map-data");
  if (!holder || !dataElement || !window.L) return;
  var data = JSON.parse(dataElement.textContent);
  var map = L.map(holder, {
    zoomControl: false, dragging: false, scrollWheelZoom: false, doubleClickZoom: false,
    boxZoom: false, keyboard: false, touchZoom: false, attributionControl: false
  });
  var point = [data.lat, data.lon];
  if (data.outline) {
    var outline = L.geoJSON(data.outline, {
      style: { color: "#154273", weight: 2, fillColor: "#d9e4f2", fillOpacity: 0.6 },
      interactive: false
    }).addTo(map);
    map.fitBounds(outline.getBounds().extend(point), { padding: [12, 12] });
  } else {
    map.setView(point, 12);
  }
  L.marker(point, {
    icon: L.divIcon({ className: "pin-marker", html: "<span></span>", iconSize: [22, 22], iconAnchor: [11, 22] }),
    interactive: false, keyboard: false
  }).addTo(map);
})();
