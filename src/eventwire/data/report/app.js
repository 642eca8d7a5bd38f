/* eventwire situation report: draws the map, timeline and tables from the report data.
 * Every string from an article goes on screen through textContent, never innerHTML, and
 * links are kept only when they are http(s), so article text can neither run nor navigate. */
(function () {
  "use strict";

  var TYPE_COLOURS = {
    ASSAULT: "#c0392b", COERCE: "#e67e22", THREATEN: "#d35400", MOBILIZE: "#8e44ad",
    RETREAT: "#2980b9", SANCTION: "#7f8c8d", PROTEST: "#f1c40f", REJECT: "#95a5a6",
    ACCUSE: "#b03a2e", REQUEST: "#16a085", AID: "#27ae60", COOPERATE: "#1abc9c",
    CONCEDE: "#5dade2", SUPPORT: "#58d68d", CONSULT: "#af7ac5", AGREE: "#48c9b0",
    OTHER: "#555555"
  };

  function colour(type) { return TYPE_COLOURS[type] || TYPE_COLOURS.OTHER; }

  function readJson(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  // Build an element; text goes in as textContent, attributes are set one by one.
  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (attrs) { Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); }); }
    return node;
  }

  function safeUrl(url) {
    if (!url) { return null; }
    try {
      var parsed = new URL(url);
      return (parsed.protocol === "http:" || parsed.protocol === "https:") ? parsed.href : null;
    } catch (e) { return null; }
  }

  function articleLink(url, label) {
    var href = safeUrl(url);
    if (!href) { return el("span", label); }
    return el("a", label, { href: href, target: "_blank", rel: "noopener noreferrer nofollow" });
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  function actorLabel(name, text) {
    if (name && text && name !== text) { return name + " (\u201c" + text + "\u201d)"; }
    return name || text || null;
  }

  function quantityLabel(q) {
    return q.unit ? q.value + " " + q.unit : String(q.value);
  }

  // ---- header -------------------------------------------------------------------------
  function renderHeader(data) {
    var meta = data.meta;
    document.getElementById("ew-title").textContent = meta.title;
    var f = meta.filters || {};
    var period = "Period: " + (meta.first_date || "no dated events") +
      (meta.last_date && meta.last_date !== meta.first_date ? " to " + meta.last_date : "");
    var parts = [];
    if (f.since || f.until) { parts.push("filter " + (f.since || "\u2026") + " to " + (f.until || "\u2026")); }
    if (f.types && f.types.length) { parts.push("types " + f.types.join(", ")); }
    if (f.regions && f.regions.length) { parts.push("regions " + f.regions.join(", ")); }
    if (parts.length) { period += " (" + parts.join("; ") + ")"; }
    period += ". Generated " + meta.generated + ".";
    document.getElementById("ew-period").textContent = period;
    var counts = document.getElementById("ew-counts");
    clear(counts);
    [["articles", meta.articles], ["events", meta.events], ["on the map", meta.located],
     ["not placed", meta.unlocated], ["undated", meta.undated],
     ["place names not found", (data.unresolved_places || []).length]].forEach(function (p) {
      var li = el("li", null, { "data-count": p[0] });
      li.appendChild(el("strong", p[1]));
      li.appendChild(document.createTextNode(" " + p[0]));
      counts.appendChild(li);
    });
  }

  function renderLegend(events) {
    var legend = document.getElementById("ew-legend");
    clear(legend);
    var types = {};
    events.forEach(function (e) { types[e.type] = (types[e.type] || 0) + 1; });
    Object.keys(types).sort().forEach(function (t) {
      var item = el("span", null, { "class": "ew-legend-item" });
      var sw = el("span", null, { "class": "ew-swatch" });
      sw.style.background = colour(t);
      item.appendChild(sw);
      item.appendChild(document.createTextNode(t + " " + types[t]));
      legend.appendChild(item);
    });
    legend.appendChild(el("span", "circle size: fatalities", { "class": "ew-legend-note" }));
  }

  // ---- map ----------------------------------------------------------------------------
  var map = null;
  var cluster = null;
  var markers = {};

  function drawBasemap(target) {
    var basemap = readJson("ew-basemap");
    if (!basemap || typeof topojson === "undefined") { return; }
    var renderer = L.canvas({ padding: 0.5 });
    var world = basemap.countries;
    if (world && world.objects.land) {
      L.geoJSON(topojson.feature(world, world.objects.land), {
        renderer: renderer, interactive: false,
        style: { color: "#9aa5ad", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 }
      }).addTo(target);
    }
    Object.keys(basemap).forEach(function (key) {
      if (key.indexOf("admin1-") !== 0) { return; }
      var topo = basemap[key];
      Object.keys(topo.objects).forEach(function (name) {
        var mesh = topojson.mesh(topo, topo.objects[name], function (a, b) { return a !== b; });
        L.geoJSON(mesh, { renderer: renderer, interactive: false,
          style: { color: "#b7b0a3", weight: 0.8, dashArray: "3 3" } }).addTo(target);
      });
    });
    if (world && world.objects.countries) {
      var borders = topojson.mesh(world, world.objects.countries, function (a, b) { return a !== b; });
      L.geoJSON(borders, { renderer: renderer, interactive: false,
        style: { color: "#6d6a64", weight: 1.2 } }).addTo(target);
    }
  }

  function popupContent(e, data) {
    var box = el("div", null, { "class": "ew-popup", "data-event-id": e.id });
    var head = el("div", null, { "class": "ew-popup-head" });
    var type = el("strong", e.type);
    type.style.color = colour(e.type);
    head.appendChild(type);
    if (e.acled_sub_event_type) { head.appendChild(el("span", " \u00b7 " + e.acled_sub_event_type)); }
    box.appendChild(head);
    var dl = el("dl");
    function row(label, value) {
      if (value === null || value === undefined || value === "") { return; }
      dl.appendChild(el("dt", label));
      dl.appendChild(el("dd", value));
    }
    row("Date", e.event_date ? e.event_date + (e.date_text ? " (\u201c" + e.date_text + "\u201d)" : "") : "undated");
    row("Place", actorLabel(e.location_name, e.location_text) + (e.admin1 ? ", " + e.admin1 : "") +
      (e.location_homonyms > 0 ? " (one of " + (e.location_homonyms + 1) + " places of the name the text fits)" : ""));
    row("Actor", actorLabel(e.actor1_name, e.actor1_text));
    row("Target", actorLabel(e.actor2_name, e.actor2_text));
    row("Fatalities", e.fatalities);
    row("Injured", e.injured);
    if (e.quantities && e.quantities.length) { row("Numbers", e.quantities.map(quantityLabel).join("; ")); }
    row("According to", actorLabel(e.attributed_to_name, e.attributed_to_text));
    if (e.negated) { row("Note", "negated in the text"); }
    if (e.hypothetical) { row("Note", "hypothetical in the text"); }
    box.appendChild(dl);
    box.appendChild(el("blockquote", e.evidence_text, { "class": "ew-evidence" }));
    var art = (data.articles || {})[e.article_id] || {};
    var src = el("div", null, { "class": "ew-popup-source" });
    src.appendChild(articleLink(e.url || art.url, e.title || art.title || "article " + e.article_id));
    if (e.source || art.source) { src.appendChild(el("span", " \u2014 " + (e.source || art.source))); }
    box.appendChild(src);
    return box;
  }

  function radius(e) {
    var f = typeof e.fatalities === "number" && e.fatalities > 0 ? e.fatalities : 0;
    return Math.min(6 + 3 * Math.sqrt(f), 30);
  }

  function renderMap(data) {
    if (!map) {
      map = L.map("ew-map", { worldCopyJump: true, zoomSnap: 0.5, minZoom: 2, maxZoom: 12 });
      map.attributionControl.setPrefix(false);
      map.attributionControl.addAttribution("Borders: Natural Earth");
      drawBasemap(map);
      // Markers outside the view stay in the page, so the page always holds every event.
      cluster = L.markerClusterGroup({ maxClusterRadius: 35, showCoverageOnHover: false,
        removeOutsideVisibleBounds: false });
      map.addLayer(cluster);
    }
    cluster.clearLayers();
    markers = {};
    var layers = [];
    data.events.forEach(function (e) {
      if (typeof e.latitude !== "number" || typeof e.longitude !== "number") { return; }
      var m = L.circleMarker([e.latitude, e.longitude], {
        radius: radius(e), color: "#222", weight: 1, fillColor: colour(e.type),
        fillOpacity: 0.85, className: "ew-marker ew-type-" + e.type.replace(/[^A-Z]/g, "")
      });
      m.bindPopup(function () { return popupContent(e, data); }, { maxWidth: 360 });
      markers[e.id] = m;
      layers.push(m);
    });
    cluster.addLayers(layers);
    var focus = focusBounds(data.events);
    if (focus.length) {
      map.fitBounds(focus, { padding: [30, 30], maxZoom: 8 });
    } else {
      map.setView([48.5, 31.5], 5);
    }
  }

  // The first view shows the country with the most placed events, so that one stray event
  // on another continent does not shrink the war to a dot; zooming out shows the rest.
  function focusBounds(events) {
    var placed = events.filter(function (e) {
      return typeof e.latitude === "number" && typeof e.longitude === "number";
    });
    var perCountry = {};
    placed.forEach(function (e) { perCountry[e.country || ""] = (perCountry[e.country || ""] || 0) + 1; });
    var top = Object.keys(perCountry).sort(function (a, b) { return perCountry[b] - perCountry[a]; })[0];
    var chosen = placed.filter(function (e) { return (e.country || "") === top; });
    return (chosen.length ? chosen : placed).map(function (e) { return [e.latitude, e.longitude]; });
  }

  // ---- timeline -----------------------------------------------------------------------
  var SVG = "http://www.w3.org/2000/svg";

  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = String(text); }
    return node;
  }

  function dayRange(first, last) {
    var out = [];
    var d = new Date(first + "T00:00:00Z");
    var end = new Date(last + "T00:00:00Z");
    while (d <= end && out.length < 1000) {
      out.push(d.toISOString().slice(0, 10));
      d.setUTCDate(d.getUTCDate() + 1);
    }
    return out;
  }

  function renderTimeline(data) {
    var box = document.getElementById("ew-timeline");
    clear(box);
    var perDay = {};
    var types = {};
    data.events.forEach(function (e) {
      if (!e.event_date) { return; }
      perDay[e.event_date] = perDay[e.event_date] || {};
      perDay[e.event_date][e.type] = (perDay[e.event_date][e.type] || 0) + 1;
      types[e.type] = true;
    });
    var dated = Object.keys(perDay).sort();
    if (!dated.length) { box.appendChild(el("p", "No dated events.")); return; }
    var days = dayRange(dated[0], dated[dated.length - 1]);
    var max = 1;
    days.forEach(function (d) {
      var total = 0;
      Object.keys(perDay[d] || {}).forEach(function (t) { total += perDay[d][t]; });
      max = Math.max(max, total);
    });
    var W = 900, H = 220, left = 40, bottom = 40, top = 10;
    var bw = Math.max(2, Math.min(60, (W - left - 10) / days.length - 2));
    var chart = svg("svg", { viewBox: "0 0 " + W + " " + H, width: "100%", role: "img",
      "class": "ew-timeline-svg", "aria-label": "Events per day by type" });
    var scale = (H - bottom - top) / max;
    chart.appendChild(svg("line", { x1: left, y1: H - bottom, x2: W - 5, y2: H - bottom, stroke: "#444" }));
    chart.appendChild(svg("text", { x: left - 6, y: top + 10, "text-anchor": "end", "class": "ew-axis" }, max));
    chart.appendChild(svg("text", { x: left - 6, y: H - bottom, "text-anchor": "end", "class": "ew-axis" }, 0));
    var typeOrder = Object.keys(types).sort();
    days.forEach(function (d, i) {
      var slot = (W - left - 10) / days.length;
      var x = left + 4 + i * slot + Math.max(0, (slot - bw) / 2);
      var y = H - bottom;
      var g = svg("g", { "class": "ew-day", "data-date": d });
      typeOrder.forEach(function (t) {
        var n = (perDay[d] || {})[t] || 0;
        if (!n) { return; }
        var h = n * scale;
        y -= h;
        var r = svg("rect", { x: x, y: y, width: bw, height: h, fill: colour(t),
          "class": "ew-bar", "data-type": t, "data-count": n });
        r.appendChild(svg("title", {}, d + " " + t + ": " + n));
        g.appendChild(r);
      });
      chart.appendChild(g);
      if (days.length <= 14 || i % Math.ceil(days.length / 10) === 0 || i === days.length - 1) {
        chart.appendChild(svg("text", { x: x + bw / 2, y: H - bottom + 16, "text-anchor": "middle",
          "class": "ew-axis" }, d));
      }
    });
    box.appendChild(chart);
    var undated = data.events.length - data.events.filter(function (e) { return e.event_date; }).length;
    if (undated) { box.appendChild(el("p", undated + " event(s) without a date are not on the timeline.")); }
  }

  // ---- tables -------------------------------------------------------------------------
  function fillTable(id, headers, rows) {
    var table = document.getElementById(id);
    var thead = table.tHead, tbody = table.tBodies[0];
    clear(thead); clear(tbody);
    var tr = el("tr");
    headers.forEach(function (h) { tr.appendChild(el("th", h)); });
    thead.appendChild(tr);
    rows.forEach(function (cells) {
      var r = el("tr");
      cells.forEach(function (c) {
        var td = el("td");
        if (c instanceof Node) { td.appendChild(c); } else { td.textContent = c === null || c === undefined ? "" : String(c); }
        r.appendChild(td);
      });
      tbody.appendChild(r);
    });
    if (!rows.length) {
      var empty = el("tr");
      empty.appendChild(el("td", "none", { colspan: String(headers.length) }));
      tbody.appendChild(empty);
    }
  }

  function renderRegions(data) {
    var groups = {};
    data.events.forEach(function (e) {
      var placed = typeof e.latitude === "number";
      var key = placed ? (e.admin1 || e.location_name || "(region unknown)") + "\u0000" + (e.country || "") : "(not placed)\u0000";
      var g = groups[key] = groups[key] || { events: 0, fatalities: 0, types: {} };
      g.events += 1;
      if (typeof e.fatalities === "number") { g.fatalities += e.fatalities; }
      g.types[e.type] = (g.types[e.type] || 0) + 1;
    });
    var rows = Object.keys(groups).sort(function (a, b) {
      return groups[b].events - groups[a].events || (a < b ? -1 : 1);
    }).map(function (key) {
      var g = groups[key], parts = key.split("\u0000");
      var types = Object.keys(g.types).sort().map(function (t) { return t + " " + g.types[t]; }).join(", ");
      return [parts[0], parts[1], g.events, g.fatalities, types];
    });
    fillTable("ew-regions", ["Region", "Country", "Events", "Fatalities", "Types"], rows);
  }

  function renderClaims(data) {
    var rows = data.events.filter(function (e) {
      return e.attributed_to_name || e.attributed_to_text;
    }).map(function (e) {
      var art = (data.articles || {})[e.article_id] || {};
      return [e.event_date || "", actorLabel(e.attributed_to_name, e.attributed_to_text), e.type,
        e.evidence_text, articleLink(e.url || art.url, e.title || art.title || "article")];
    });
    fillTable("ew-claims", ["Date", "Source of the claim", "Type", "Claim (evidence)", "Article"], rows);
  }

  function renderQuotes(data) {
    var box = document.getElementById("ew-quotes");
    clear(box);
    var bySpeaker = {};
    (data.quotes || []).forEach(function (q) {
      var who = q.speaker_name || q.speaker_text || "Unknown speaker";
      (bySpeaker[who] = bySpeaker[who] || []).push(q);
    });
    var names = Object.keys(bySpeaker).sort(function (a, b) {
      return bySpeaker[b].length - bySpeaker[a].length || (a < b ? -1 : 1);
    });
    if (!names.length) { box.appendChild(el("p", "No quotes in this period.")); return; }
    names.forEach(function (who) {
      var section = el("div", null, { "class": "ew-speaker" });
      section.appendChild(el("h3", who + " (" + bySpeaker[who].length + ")"));
      bySpeaker[who].forEach(function (q) {
        var art = (data.articles || {})[q.article_id] || {};
        var item = el("div", null, { "class": "ew-quote" });
        item.appendChild(el("blockquote", q.text));
        var cite = el("p", q.kind + (q.cue ? ", \u201c" + q.cue + "\u201d" : "") +
          (q.channel ? ", via " + q.channel : "") + " \u2014 ", { "class": "ew-cite" });
        cite.appendChild(articleLink(art.url, art.title || "article " + q.article_id));
        item.appendChild(cite);
        section.appendChild(item);
      });
      box.appendChild(section);
    });
  }

  function renderUnplaced(data) {
    var box = document.getElementById("ew-unplaced");
    clear(box);
    var missing = data.events.filter(function (e) { return typeof e.latitude !== "number"; });
    box.appendChild(el("p", missing.length + " event(s) have no place on the map."));
    if (missing.length) {
      var ul = el("ul", null, { "class": "ew-unplaced-events" });
      missing.forEach(function (e) {
        ul.appendChild(el("li", e.type + (e.location_text ? " at \u201c" + e.location_text + "\u201d" : "") +
          ": " + e.evidence_text));
      });
      box.appendChild(ul);
    }
    var names = data.unresolved_places || [];
    box.appendChild(el("p", names.length + " place name(s) were not found in the gazetteer" + (names.length ? ":" : ".")));
    if (names.length) {
      var ul2 = el("ul", null, { "class": "ew-unresolved" });
      names.forEach(function (p) { ul2.appendChild(el("li", p.text + " (" + p.mentions + "\u00d7)")); });
      box.appendChild(ul2);
    }
  }

  // ---- assembly -----------------------------------------------------------------------
  function render(data) {
    renderHeader(data);
    renderLegend(data.events);
    renderMap(data);
    renderTimeline(data);
    renderRegions(data);
    renderClaims(data);
    renderQuotes(data);
    renderUnplaced(data);
    window.eventwireReport = {
      ready: true,
      events: data.events.length,
      located: Object.keys(markers).length,
      markerCount: function () { return cluster.getLayers().length; },
      contains: function (lat, lon) { return map.getBounds().contains([lat, lon]); },
      openPopup: function (id, done) {
        var m = markers[id];
        if (!m) { return false; }
        cluster.zoomToShowLayer(m, function () { m.openPopup(); if (done) { done(); } });
        return true;
      }
    };
  }

  function status(text) { document.getElementById("ew-status").textContent = text; }

  function live(config) {
    var url = config.api + window.location.search;
    function load() {
      fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
        if (!r.ok) { throw new Error("the API answered " + r.status); }
        return r.json();
      }).then(function (data) {
        render(data);
        status("Live: updated " + new Date().toLocaleTimeString() + ".");
      }).catch(function (err) { status("Could not load events: " + err.message); });
    }
    load();
    if (config.refresh_seconds > 0) { window.setInterval(load, config.refresh_seconds * 1000); }
  }

  var config = readJson("ew-config") || { mode: "static" };
  if (config.mode === "live") { live(config); } else { render(readJson("ew-data")); }
})();
