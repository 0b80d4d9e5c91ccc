/* The map page: municipality and province outlines as the offline base layer, and the
   collectives from /api/v1/map: per municipality when zoomed out, clustered points when zoomed in.
   The filters, zoom and centre live in the URL, so every view can be shared. */
(function () {
  "use strict";
  var configElement = document.getElementById("map-config");
  var holder = document.getElementById("map");
  if (!configElement || !holder || !window.L) return;
  var config = JSON.parse(configElement.textContent);
  var text = config.text;
  var form = document.getElementById("map-filters");
  var statusElement = document.getElementById("map-status");
  var listLink = document.getElementById("list-link");
  var POINTS_FROM_ZOOM = 11;
  var NETHERLANDS = [[50.75, 3.36], [53.56, 7.23]];

  var map = L.map(holder, { minZoom: 6, maxZoom: 18, zoomSnap: 0.5 });
  map.attributionControl.setPrefix(false);
  map.createPane("outlines").style.zIndex = 350;

  if (config.tileUrl) {
    L.tileLayer(config.tileUrl, { attribution: config.tileAttribution, maxZoom: 19 }).addTo(map);
  }

  var dataLayer = L.layerGroup().addTo(map);
  var request = null;
  var firstLoad = true;

  // ---- URL state ---------------------------------------------------------------------------

  function filterParams() {
    var params = new URLSearchParams();
    if (!form) return params;
    new FormData(form).forEach(function (value, name) {
      value = String(value).trim();
      if (value && config.filterParams.indexOf(name) !== -1) params.append(name, value);
    });
    return params;
  }

  function updateUrl() {
    var params = filterParams();
    var centre = map.getCenter();
    params.set("zoom", map.getZoom());
    params.set("lat", centre.lat.toFixed(4));
    params.set("lon", centre.lng.toFixed(4));
    history.replaceState(null, "", "?" + params.toString());
    if (listLink) {
      var filters = filterParams().toString();
      listLink.href = config.listUrl + (filters ? "?" + filters : "");
    }
  }

  function initialView() {
    var params = new URLSearchParams(window.location.search);
    var zoom = parseFloat(params.get("zoom"));
    var lat = parseFloat(params.get("lat"));
    var lon = parseFloat(params.get("lon"));
    if (zoom >= 6 && zoom <= 18 && isFinite(lat) && isFinite(lon)) {
      map.setView([lat, lon], zoom);
      return true;
    }
    map.fitBounds(NETHERLANDS);
    return false;
  }

  // ---- Base layer: outlines ----------------------------------------------------------------

  function featureCode(feature) {
    var p = feature.properties || {};
    return p.code || p.gemeentecode || p.provinciecode || "";
  }

  function loadOutlines(url, style, zoomTo) {
    return fetch(url, { headers: { Accept: "application/geo+json, application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (geojson) {
        var layer = L.geoJSON(geojson, { pane: "outlines", interactive: false, style: style });
        layer.addTo(map);
        if (zoomTo) {
          layer.eachLayer(function (feature) {
            if (featureCode(feature.feature) === zoomTo) map.fitBounds(feature.getBounds());
          });
        }
        return layer;
      })
      .catch(function () { /* The markers still work without outlines. */ });
  }

  // ---- Data --------------------------------------------------------------------------------

  function setStatus(message) {
    if (statusElement) statusElement.textContent = message;
  }

  function format(template, count) {
    return template.replace("%(count)s", Number(count).toLocaleString(document.documentElement.lang || "nl"));
  }

  // pair = [singular, plural]; Dutch and English both use the singular for exactly one.
  function plural(pair, count) {
    return format(count === 1 ? pair[0] : pair[1], count);
  }

  function element(tag, attributes, content) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (content !== undefined) node.textContent = content;
    return node;
  }

  function aggregatePopup(item) {
    var box = element("div");
    box.appendChild(element("strong", {}, item.name));
    box.appendChild(element("p", {}, plural(text.collectivesCount, item.count)));
    var kinds = Object.keys(item.by_kind || {}).sort(function (a, b) {
      return item.by_kind[b] - item.by_kind[a];
    }).slice(0, 4);
    if (kinds.length) {
      var list = element("ul", { "class": "popup-kinds" });
      kinds.forEach(function (kind) {
        list.appendChild(element("li", {}, (config.kindLabels[kind] || kind) + ": " + item.by_kind[kind]));
      });
      box.appendChild(list);
    }
    var link = element("a", { href: config.municipalityUrl.replace("CODE", encodeURIComponent(item.code)) }, text.municipalityPage);
    box.appendChild(element("p")).appendChild(link);
    return box;
  }

  function zoomLevel() {
    // The API works with whole zoom levels; half steps only help the first view fit.
    return Math.floor(map.getZoom());
  }

  function drawAggregate(items) {
    // Area grows with the count; circles grow as you zoom in, so neighbours overlap less.
    var scale = Math.pow(1.45, map.getZoom() - 7);
    items.forEach(function (item) {
      var radius = Math.min(40, (2 + Math.sqrt(item.count) * 1.1) * scale);
      L.circleMarker([item.lat, item.lon], {
        radius: radius, color: "#ffffff", weight: 1, fillColor: "#154273", fillOpacity: 0.65
      }).bindPopup(aggregatePopup(item)).bindTooltip(item.name + ": " + item.count).addTo(dataLayer);
    });
  }

  function markerIcon(kind) {
    // The colour comes from the page's .kind-<code> classes (no style attribute: CSP).
    var known = Object.prototype.hasOwnProperty.call(config.colours, kind);
    return L.divIcon({
      className: "kind-marker",
      html: '<span class="kind-' + (known ? kind : "overig") + '"></span>',
      iconSize: [20, 20],
      iconAnchor: [10, 10],
      popupAnchor: [0, -8]
    });
  }

  function pointPopup(item) {
    var box = element("div");
    var link = element("a", { href: config.collectiveUrl.replace("SLUG", encodeURIComponent(item.slug)) }, item.name);
    box.appendChild(element("strong")).appendChild(link);
    box.appendChild(element("p", {}, config.kindLabels[item.kind] || item.kind));
    if (item.demo) box.appendChild(element("span", { "class": "badge badge-demo" }, text.demo));
    return box;
  }

  function drawPoints(items) {
    var cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 45, chunkedLoading: true });
    cluster.addLayers(items.map(function (item) {
      return L.marker([item.lat, item.lon], { icon: markerIcon(item.kind), title: item.name, alt: item.name })
        .bindPopup(pointPopup(item));
    }));
    dataLayer.addLayer(cluster);
  }

  function load() {
    if (request) request.abort();
    request = new AbortController();
    var bounds = map.getBounds();
    var params = filterParams();
    params.set("zoom", zoomLevel());
    params.set("bbox", [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()]
      .map(function (v) { return v.toFixed(4); }).join(","));
    setStatus(text.loading);
    fetch(config.mapUrl + "?" + params.toString(), { signal: request.signal, headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          return response.json().then(function (body) {
            var messages = (body.errors || []).map(function (e) { return e.message; });
            throw new Error(messages.join(" ") || text.loadError);
          }, function () { throw new Error(text.loadError); });
        }
        return response.json();
      })
      .then(function (data) {
        dataLayer.clearLayers();
        if (data.mode === "aggregate") {
          drawAggregate(data.items);
          setStatus(plural(text.shownAggregate, data.count));
        } else {
          drawPoints(data.items);
          setStatus(plural(text.shownPoints, data.count) + (data.truncated ? " " + text.truncated : ""));
        }
      })
      .catch(function (error) {
        if (error.name !== "AbortError") setStatus(error.message || text.loadError);
      });
    if (!firstLoad) updateUrl();
    firstLoad = false;
  }

  function debounce(fn, wait) {
    var timer = null;
    return function () {
      clearTimeout(timer);
      timer = setTimeout(fn, wait);
    };
  }

  // ---- Start -------------------------------------------------------------------------------

  var hasView = initialView();
  var startParams = new URLSearchParams(window.location.search);
  var zoomToMunicipality = !hasView && startParams.getAll("municipality").length === 1 ? startParams.get("municipality").toUpperCase() : "";
  var zoomToProvince = !hasView && !zoomToMunicipality && startParams.getAll("province").length === 1 ? startParams.get("province").toUpperCase() : "";

  loadOutlines(config.municipalityOutlinesUrl, function () {
    return config.tileUrl
      ? { color: "#5a6470", weight: 0.8, fill: false }
      : { color: "#8c97a3", weight: 0.8, fillColor: "#fbfcfd", fillOpacity: 1 };
  }, zoomToMunicipality);
  loadOutlines(config.provinceOutlinesUrl, function () {
    return { color: "#3b4550", weight: 2.2, fill: false };
  }, zoomToProvince);

  var reload = debounce(load, 250);
  map.on("moveend", reload);
  load();

  if (form) {
    var reloadFilters = debounce(function () { load(); updateUrl(); }, 400);
    form.addEventListener("change", reloadFilters);
    form.addEventListener("input", function (event) {
      if (event.target.name === "q") reloadFilters();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      load();
      updateUrl();
    });
  }
})();
