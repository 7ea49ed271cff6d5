/* graphbuild graph view: builds the vis-network from the JSON in #graph-data.
 *
 * Safety rule: user text (names, quotes, titles, URLs) is only ever written with textContent
 * or as vis-network canvas labels; links get an href only when they are http(s). Tooltips are
 * our own DOM (vis-network would render a string `title` as HTML).
 * window.graphView exposes the DataSets and the network for tests and for the curious.
 */
(function () {
  "use strict";
  var startedAt = performance.now();
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var $ = function (id) { return document.getElementById(id); };
  var PALETTE = ["#4e79a7", "#e15759", "#59a14f", "#f28e2b", "#b07aa1", "#76b7b2",
    "#edc948", "#ff9da7", "#9c755f", "#bab0ac", "#1b9e77", "#7570b3"];

  function safeUrl(u) {
    return typeof u === "string" && /^https?:\/\//i.test(u.trim()) ? u.trim() : null;
  }
  // The same folding as graphbuild.names.fold: case (ß → ss), accents, runs of spaces.
  function fold(s) {
    return String(s).toLowerCase().replace(/ß/g, "ss").normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "").replace(/\s+/g, " ").trim();
  }
  // Long text (a first paragraph standing in for a title) is cut at a word, with an ellipsis.
  function shorten(s, max) {
    s = String(s).replace(/\s+/g, " ").trim();
    if (s.length <= max) return s;
    var cut = s.slice(0, max - 1), sp = cut.lastIndexOf(" ");
    if (sp > max / 2) cut = cut.slice(0, sp);
    return cut.replace(/[ ,;:.\-–]+$/, "") + "…";
  }
  // Quotation marks by the language of the quote's article (assets/quote_marks.tsv).
  function quoted(text, articleIdx) {
    var a = data.articles[articleIdx];
    var m = (a && data.quote_marks[a.lang]) || data.quote_marks[""] || ["\"", "\""];
    return m[0] + text + m[1];
  }
  /* el("li", {className: "x", onclick: f}, "text", otherNode): children strings become text nodes. */
  function el(tag, props) {
    var node = document.createElement(tag);
    var p = props || {};
    Object.keys(p).forEach(function (k) {
      if (k === "href") { var u = safeUrl(p[k]); if (u) { node.href = u; node.rel = "noopener noreferrer"; node.target = "_blank"; } }
      else if (k === "style") { node.style.cssText = p[k]; }
      else if (k.slice(0, 2) === "on") { node.addEventListener(k.slice(2), p[k]); }
      else { node[k] = p[k]; }
    });
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined || c === false) continue;
      node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
    return node;
  }

  var styles = {};
  data.types.forEach(function (t) { styles[t.name] = t; });
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var edgeById = {};
  data.edges.forEach(function (e) { edgeById[e.id] = e; });
  var drawnNodes = data.nodes.filter(function (n) { return n.drawn; });
  var drawnEdges = data.edges.filter(function (e) { return e.drawn; });
  var state = {
    types: new Set(data.types.map(function (t) { return t.name; })),
    predicates: new Set(data.predicates.map(function (p) { return p.name; })),
    article: null,
    community: false,
    quotes: false,
    co: !!data.co_mentions_on,
  };

  function nodeColor(n) {
    return state.community && n.community >= 0 ? PALETTE[n.community % PALETTE.length] : styles[n.type].color;
  }
  // In a large view only the most important nodes carry a canvas label (vis-network measures
  // every label up front, which dominates load time at 10,000 nodes); the rest show their name
  // on hover, in search and in the details panel.
  var LABELS_MAX = 600;
  var ranked = drawnNodes.slice().sort(function (a, b) { return b.importance - a.importance; });
  var labelled = new Set(ranked.slice(0, data.large ? LABELS_MAX : drawnNodes.length).map(function (n) { return n.id; }));
  // Zoomed out on a large view, only the names of the 40 most important nodes are big enough
  // to be drawn (drawThreshold): an overview with landmarks rather than a blur of text.
  var landmarks = new Set(data.large ? ranked.slice(0, 40).map(function (n) { return n.id; }) : []);
  function visNode(n) {
    // Sizes are set directly rather than through vis-network's value scaling, which
    // re-applies every node's options whenever the value range changes.
    var item = { id: n.id, label: labelled.has(n.id) ? n.label : undefined, shape: styles[n.type].shape,
      size: Math.round(8 + 22 * (n.value - 1) / 9), color: nodeColor(n), kind: "entity" };
    if (landmarks.has(n.id)) { item.font = { size: 34 }; }
    else if (item.label !== undefined && n.value > 2) { item.font = { size: Math.round(13 + 9 * (n.value - 1) / 9) }; }
    if (n.x !== undefined) { item.x = n.x; item.y = n.y; }
    return item;
  }
  function visEdge(e) {
    var item = { id: e.id, from: e.from, to: e.to, label: data.large ? undefined : e.label, width: Math.min(6, 1 + 1.25 * (e.weight - 1)),
      arrows: e.directed ? "to" : "", kind: "link" };
    if (e.parallel > 0) {
      item.smooth = { enabled: true, type: e.parallel % 2 ? "curvedCW" : "curvedCCW",
        roundness: 0.3 * Math.ceil(e.parallel / 2) };
    }
    return item;
  }

  // Co-mentions: a faint layer, off unless the page was built with co-mentions connecting.
  function visCo(c, i) {
    return { id: "c" + i, from: c[0], to: c[1], kind: "co", width: Math.min(4, 0.5 + 0.5 * c[2]),
      dashes: [2, 4], arrows: "", color: { color: "rgba(120,130,145,0.35)", highlight: "#9aa5b1", hover: "#9aa5b1" },
      smooth: false, selectionWidth: 0 };
  }
  var nodes = new vis.DataSet(drawnNodes.map(visNode));
  var edges = new vis.DataSet(drawnEdges.map(visEdge).concat(data.co_mentions.map(visCo)));
  var visible = new Set();

  function entityVisible(n) {
    return state.types.has(n.type) && (state.article === null || n.articles.indexOf(state.article) >= 0);
  }
  function quoteVisible(i) {
    var q = data.quotes[i];
    return state.quotes && q.speaker !== null && visible.has(q.speaker) &&
      (state.article === null || q.articles.indexOf(state.article) >= 0);
  }
  function recomputeVisible() {
    visible = new Set();
    drawnNodes.forEach(function (n) { if (entityVisible(n)) visible.add(n.id); });
  }
  recomputeVisible();
  var nodeView = new vis.DataView(nodes, { filter: function (item) {
    return item.kind === "quote" ? quoteVisible(item.quote) : visible.has(item.id);
  } });
  var edgeView = new vis.DataView(edges, { filter: function (item) {
    if (item.kind === "said") return quoteVisible(item.quote);
    if (item.kind === "co") return state.co && visible.has(item.from) && visible.has(item.to);
    var e = edgeById[item.id];
    return state.predicates.has(e.predicate) && visible.has(e.from) && visible.has(e.to) &&
      (state.article === null || e.articles.indexOf(state.article) >= 0);
  } });

  var N = drawnNodes.length;
  var precomputed = data.layout === "precomputed";
  var physics = data.large ? {
    solver: "barnesHut",
    barnesHut: { gravitationalConstant: -8000, centralGravity: 0.3, springLength: 140, springConstant: 0.04, damping: 0.35, avoidOverlap: 0 },
    stabilization: { enabled: true, iterations: N > 5000 ? 60 : 150, updateInterval: 10, fit: true },
    minVelocity: 1.5, timestep: 0.6,
  } : {
    solver: "forceAtlas2Based",
    forceAtlas2Based: { gravitationalConstant: -70, centralGravity: 0.012, springLength: 120, springConstant: 0.06, avoidOverlap: 0.5 },
    stabilization: { enabled: true, iterations: 400, updateInterval: 25, fit: true },
    minVelocity: 0.75,
  };
  var options = {
    autoResize: true,
    layout: { improvedLayout: N <= 150, randomSeed: 7 },
    physics: physics,
    interaction: { hover: !data.large || N < 3000, tooltipDelay: 150, hideEdgesOnDrag: data.large,
      hideEdgesOnZoom: data.large, navigationButtons: false, keyboard: false, multiselect: false },
    nodes: {
      borderWidth: 1.5,
      scaling: { label: { drawThreshold: data.large ? 9 : 5 } },
      font: { size: 13, face: "system-ui, sans-serif", color: "#1f2933", strokeWidth: 3, strokeColor: "#ffffff" },
    },
    edges: {
      color: { color: "#9aa5b1", highlight: "#2f6fb3", hover: "#52606d", inherit: false },
      font: { size: 11, face: "system-ui, sans-serif", color: "#52606d", strokeWidth: 3, strokeColor: "#ffffff", align: "middle" },
      arrows: { to: { scaleFactor: 0.6 } },
      smooth: data.large ? false : { enabled: true, type: "continuous", roundness: 0.3 },
      selectionWidth: 2,
    },
  };
  // Large views come with positions from graphbuild (community layout): the browser only
  // draws; the Physics checkbox can still switch the simulation on.
  if (precomputed) { options.physics = Object.assign({}, physics, { enabled: false, stabilization: { enabled: false } }); }

  var container = $("network");
  var tip = $("tooltip");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
  var view = window.graphView = {
    data: data, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView,
    network: network, state: state, ready: false, drawnAt: null, startedAt: startedAt,
    createdAt: performance.now(),
  };

  /* ---------- status, summary, notice ---------- */
  function updateStatus() {
    var shownLinks = edgeView.getIds().filter(function (id) { return typeof id === "number"; }).length;
    $("status").textContent = N === 0 ? "No entities drawn in this view." :
      "Showing " + visible.size.toLocaleString() + " of " + N.toLocaleString() + " drawn entities · " +
      shownLinks.toLocaleString() + " links" + (view.ready ? "" : " · laying out…");
  }
  $("summary").textContent = data.total.toLocaleString() + " entities" +
    (N < data.total ? " (" + N.toLocaleString() + " drawn)" : "") + " · " +
    data.edges.length.toLocaleString() +
    " links · " + data.quotes.length.toLocaleString() + " quotes · " + data.articles.length.toLocaleString() +
    " articles · " + data.communities + " communities";
  if (data.notice) { $("notice").textContent = data.notice; $("notice").hidden = false; }

  network.on("stabilizationProgress", function (p) {
    $("status").textContent = "Laying out… " + Math.round(100 * p.iterations / p.total) + "%";
  });
  function settled() {
    if (view.ready) return;
    if (!precomputed) network.setOptions({ physics: { enabled: false } });
    view.ready = true;
    view.stabilizedAt = performance.now();
    updateStatus();
    network.once("afterDrawing", function () { view.drawnAt = performance.now(); });
    // Fit, then leave a margin: vis-network fits node shapes, not the labels beside them.
    if (N > 0) { network.fit(); network.moveTo({ scale: network.getScale() * 0.92 }); } else network.redraw();
    if (data.focus !== null && data.focus !== undefined && byId[data.focus]) {
      network.selectNodes([data.focus]);
      showNode(data.focus);
      keepClear(data.focus, false);
    }
  }
  network.once("stabilizationIterationsDone", settled);
  network.once("stabilized", settled);
  if (N === 0 || precomputed) { settled(); }
  updateStatus();

  /* ---------- filters and legend ---------- */
  // Hidden nodes leave the network, and vis-network forgets where they were: store every
  // drawn node's position in the DataSet first, so a node shown again comes back in place.
  function keepPositions() {
    var pos = network.getPositions();
    nodes.update(Object.keys(pos).map(function (k) {
      return { id: /^\d+$/.test(k) ? Number(k) : k, x: pos[k].x, y: pos[k].y };
    }));
  }
  function refresh() {
    keepPositions();
    recomputeVisible();
    nodeView.refresh();
    edgeView.refresh();
    updateStatus();
  }
  function swatch(t) {
    return el("span", { className: "swatch " + t.shape, style: "background:" + t.color + ";--c:" + t.color });
  }
  data.types.forEach(function (t) {
    if (!t.count) return;
    var box = el("input", { type: "checkbox", checked: true, value: t.name, onchange: function () {
      if (box.checked) state.types.add(t.name); else state.types.delete(t.name);
      refresh();
    } });
    $("type-filters").appendChild(el("label", { className: "type-filter" }, box, swatch(t), t.label,
      el("span", { className: "count" }, t.count.toLocaleString())));
  });
  data.predicates.forEach(function (p) {
    var box = el("input", { type: "checkbox", checked: true, value: p.name, onchange: function () {
      if (box.checked) state.predicates.add(p.name); else state.predicates.delete(p.name);
      refresh();
    } });
    $("predicate-filters").appendChild(el("label", { className: "predicate-filter" }, box,
      el("span", { className: "arrow", title: p.directed ? "directed" : "mutual" }, p.directed ? "→" : "—"),
      p.label, el("span", { className: "count" }, p.count.toLocaleString())));
  });
  if (!data.predicates.length) $("predicate-filters").appendChild(el("span", { className: "muted" }, "none"));
  data.articles.forEach(function (a, i) {
    $("article-filter").appendChild(el("option", { value: String(i), title: a.title },
      shorten(a.title, 70) + (a.date ? " (" + a.date + ")" : "")));
  });
  $("article-filter").addEventListener("change", function (ev) {
    state.article = ev.target.value === "" ? null : Number(ev.target.value);
    refresh();
  });
  $("color-community").addEventListener("change", function (ev) {
    state.community = ev.target.checked;
    nodes.update(drawnNodes.map(function (n) { return { id: n.id, color: nodeColor(n) }; }));
  });
  $("co-mentions").checked = state.co;
  $("co-mentions").disabled = !data.co_mentions.length;
  $("co-mentions").addEventListener("change", function (ev) { state.co = ev.target.checked; refresh(); });
  $("physics").addEventListener("change", function (ev) {
    network.setOptions({ physics: { enabled: ev.target.checked } });
  });
  $("fit").addEventListener("click", function () { network.fit({ animation: { duration: 300 } }); });
  $("show-quotes").addEventListener("change", function (ev) {
    state.quotes = ev.target.checked;
    if (state.quotes) {
      var qn = [], qe = [], around = {};
      var pos = network.getPositions(data.quotes.map(function (q) { return q.speaker; }).filter(function (s) { return s !== null; }));
      data.quotes.forEach(function (q, i) {
        if (q.speaker === null) return;
        var short = q.text.length > 48 ? q.text.slice(0, 47) + "…" : q.text;
        // Place each quote on a small circle around its speaker: physics may be off.
        var k = around[q.speaker] = (around[q.speaker] || 0) + 1;
        var c = pos[q.speaker] || { x: 0, y: 0 }, angle = -Math.PI / 2 + k * 1.1;
        qn.push({ id: "q" + i, label: quoted(short, q.articles[0]), shape: "box", kind: "quote", quote: i,
          x: c.x + 150 * Math.cos(angle), y: c.y + 150 * Math.sin(angle),
          color: { background: "#fdf3c4", border: "#d8b84a" }, font: { size: 11 }, widthConstraint: { maximum: 180 } });
        qe.push({ id: "qe" + i, from: q.speaker, to: "q" + i, kind: "said", quote: i, label: q.kind === "direct" ? "said" : "reportedly said",
          arrows: "to", dashes: true, color: { color: "#d8b84a" } });
      });
      nodes.add(qn); edges.add(qe);
    } else {
      nodes.remove(nodes.getIds({ filter: function (n) { return n.kind === "quote"; } }));
      edges.remove(edges.getIds({ filter: function (e) { return e.kind === "said"; } }));
    }
    refresh();
  });

  /* ---------- not drawn: a searchable list ---------- */
  var listed = data.nodes.filter(function (n) { return !n.drawn; });
  var LISTED_MAX = 60;
  var listedKeys = {};
  listed.forEach(function (n) { listedKeys[n.id] = [fold(n.label)].concat(n.aliases.map(fold)); });
  function renderListed() {
    var q = fold($("left-out-search").value);
    var list = $("left-out-list");
    list.replaceChildren();
    var hits = q ? listed.filter(function (n) {
      return listedKeys[n.id].some(function (k) { return k.indexOf(q) >= 0; });
    }) : listed;
    hits.slice(0, LISTED_MAX).forEach(function (n) {
      list.appendChild(el("li", { onclick: function () { focusNode(n.id); } }, swatch(styles[n.type]), n.label,
        el("span", { className: "count muted small" }, n.articles.length + (n.articles.length === 1 ? " article" : " articles"))));
    });
    if (hits.length > LISTED_MAX) {
      list.appendChild(el("li", { className: "muted small more-hits" },
        "… and " + (hits.length - LISTED_MAX).toLocaleString() + " more: type to narrow"));
    }
    if (!hits.length) list.appendChild(el("li", { className: "muted" }, "no match"));
  }
  if (listed.length) {
    var lo = data.left_out, why = [];
    if (lo.unlinked) why.push(lo.unlinked.toLocaleString() + " without any link");
    if (lo.beyond_limit) why.push(lo.beyond_limit.toLocaleString() + " linked, beyond the size limit");
    $("left-out-count").textContent = listed.length.toLocaleString();
    $("left-out-why").textContent = (why.join(" · ") || "left out by the size limit") +
      ". Most mentioned first; click one for its details.";
    $("left-out-search").addEventListener("input", renderListed);
    renderListed();
    $("left-out").hidden = false;
  }

  /* ---------- sidebar: a drawer on narrow screens, collapsible everywhere ---------- */
  if (window.matchMedia("(max-width: 760px)").matches) document.body.classList.add("side-closed");
  function toggleSidebar() {
    document.body.classList.toggle("side-closed");
    $("side-toggle").setAttribute("aria-expanded", String(!document.body.classList.contains("side-closed")));
  }
  $("side-toggle").setAttribute("aria-expanded", String(!document.body.classList.contains("side-closed")));
  $("side-toggle").addEventListener("click", toggleSidebar);
  network.on("click", function () { closeDrawerIfOverlay(); });

  /* ---------- most quoted ---------- */
  data.nodes.filter(function (n) { return n.quotes.length > 0; })
    .sort(function (a, b) { return b.quotes.length - a.quotes.length || a.label.localeCompare(b.label); })
    .slice(0, 8).forEach(function (n) {
      $("most-quoted").appendChild(el("li", { onclick: function () { focusNode(n.id); } },
        n.label + " (" + n.quotes.length + ")"));
    });
  if (!$("most-quoted").children.length) $("most-quoted").appendChild(el("li", { className: "muted" }, "no quotes"));

  /* ---------- details panel ---------- */
  var TITLE_MAX = 90;
  function articleRef(i) {
    var a = data.articles[i];
    if (!a) return el("span", {}, "unknown article");
    var url = safeUrl(a.url);
    var date = a.date ? " (" + a.date + ")" : "";
    var short = shorten(a.title, TITLE_MAX);
    var ref = url ? el("a", { href: url, title: a.title }, short + date) : el("span", { title: a.title }, short + date);
    if (short === a.title.replace(/\s+/g, " ").trim()) return ref;
    // A cut title: the full text is on hover and one click away.
    var more = el("button", { type: "button", className: "more", title: "show the full title", onclick: function () {
      ref.textContent = a.title + date; more.remove();
    } }, "more");
    return el("span", { className: "article-ref" }, ref, " ", more);
  }
  function entityRef(id) {
    var n = byId[id];
    return n ? el("span", { className: "link", onclick: function () { focusNode(id); } }, n.label) : el("span", {}, "?");
  }
  function section(title, items) {
    if (!items.length) return null;
    var ul = el("ul");
    items.forEach(function (it) { ul.appendChild(el("li", {}, it)); });
    return el("div", {}, el("h3", {}, title), ul);
  }
  function quoteBlock(i, withSpeaker) {
    var q = data.quotes[i];
    var src = el("div", { className: "source" }, q.kind === "direct" ? "direct quote" : "reported speech");
    if (withSpeaker && q.speaker !== null) { src.appendChild(document.createTextNode(" · by ")); src.appendChild(entityRef(q.speaker)); }
    if (q.cue) src.appendChild(document.createTextNode(" · cue " + quoted(q.cue, q.articles[0])));
    if (q.addressee !== null) { src.appendChild(document.createTextNode(" · to ")); src.appendChild(entityRef(q.addressee)); }
    q.articles.forEach(function (a) { src.appendChild(document.createTextNode(" · in ")); src.appendChild(articleRef(a)); });
    var box = el("div", { className: "quote" }, el("blockquote", {}, q.text), src);
    if (q.sentence && q.sentence !== q.text) {
      box.appendChild(el("details", {}, el("summary", { className: "small muted" }, "sentence"), el("div", { className: "small" }, q.sentence)));
    }
    return box;
  }
  function evidenceList(e) {
    var ul = el("ul");
    e.evidence.forEach(function (ev) {
      ul.appendChild(el("li", {}, ev.sentence || "(no sentence stored)", " — ",
        ev.article !== null ? articleRef(ev.article) : "unknown article"));
    });
    if (!e.evidence.length) {
      e.articles.forEach(function (a) { ul.appendChild(el("li", {}, "stated in ", articleRef(a))); });
    }
    return ul;
  }
  function openDetails(children) {
    var body = $("details-body");
    body.replaceChildren();
    children.forEach(function (c) { if (c) body.appendChild(c); });
    $("details").hidden = false;
    $("details").scrollTop = 0;
  }
  function showNode(id) {
    var n = byId[id];
    if (!n) return;
    var t = styles[n.type];
    var rel = data.edges.filter(function (e) { return e.from === id || e.to === id; }).map(function (e) {
      var other = e.from === id ? e.to : e.from;
      var arrow = !e.directed ? "— " + e.label + " " : e.from === id ? "→ " + e.label + " " : "← ";
      var li = el("span", {}, arrow, entityRef(other), e.directed && e.to === id ? " " + e.label : "",
        el("span", { className: "muted small" }, " (" + e.articles.length + (e.articles.length === 1 ? " article)" : " articles)")));
      return el("details", {}, el("summary", {}, li), evidenceList(e));
    });
    openDetails([
      el("h2", {}, n.label),
      el("div", {}, el("span", { className: "badge", style: "background:" + t.color }, t.label),
        el("span", { className: "muted small" }, n.drawn ?
          "community " + (n.community + 1) + " · " + n.degree + " neighbours · betweenness " + n.betweenness :
          n.degree + " neighbours · not drawn (" + (n.degree ? "beyond the size limit" : "no link") + ")")),
      section("Positions", n.positions),
      section("Also called", n.aliases),
      n.quotes.length ? el("h3", {}, "Quotes (" + n.quotes.length + ")") : null,
    ].concat(n.quotes.map(function (i) { return quoteBlock(i, false); })).concat([
      rel.length ? el("h3", {}, "Relations (" + rel.length + ")") : null,
    ]).concat(rel).concat([
      section("Mentioned in", n.articles.map(articleRef)),
      el("h3", {}, "IRI"),
      el("div", { className: "small muted iri" }, n.iri),
    ]));
    view.selected = id;
  }
  function showEdge(id) {
    var e = edgeById[id];
    if (!e) return;
    openDetails([
      el("h2", {}, e.label),
      el("p", {}, entityRef(e.from), e.directed ? " → " : " — ", entityRef(e.to)),
      el("p", { className: "muted small" }, e.directed ? "directed relation" : "mutual relation (no direction)"),
      el("h3", {}, "Sources (" + e.articles.length + ")"),
      evidenceList(e),
    ]);
  }
  // The part of the stage the details panel leaves free: left of it on a wide screen, above
  // it where it is a bottom sheet (narrow screens).
  function freeArea() {
    var stage = $("stage").getBoundingClientRect();
    var box = { left: 0, top: 0, right: stage.width, bottom: stage.height };
    if ($("details").hidden) return box;
    var p = $("details").getBoundingClientRect();
    var left = p.left - stage.left, top = p.top - stage.top;
    if (left * stage.height >= top * stage.width) box.right = left; else box.bottom = top;
    return box;
  }
  // Pan (not zoom) so that the node is in the free area, if the panel covers it.
  function keepClear(id, animate) {
    var dom = network.canvasToDOM(network.getPosition(id));
    var free = freeArea(), m = 40;
    var x = Math.min(Math.max(dom.x, free.left + m), free.right - m);
    var y = Math.min(Math.max(dom.y, free.top + m), free.bottom - m);
    if (x === dom.x && y === dom.y) return;
    var scale = network.getScale(), centre = network.getViewPosition();
    network.moveTo({ position: { x: centre.x + (dom.x - x) / scale, y: centre.y + (dom.y - y) / scale },
      scale: scale, animation: animate === false ? false : { duration: 300, easingFunction: "easeInOutQuad" } });
  }
  view.keepClear = keepClear;
  function closeDrawerIfOverlay() {
    if (window.matchMedia("(max-width: 760px)").matches) document.body.classList.add("side-closed");
  }
  function focusNode(id) {
    var n = byId[id];
    if (!n) return;
    tip.hidden = true;
    closeDrawerIfOverlay();
    if (!n.drawn) {
      // Listed, not drawn: the panel says everything the store knows about it.
      network.unselectAll();
      showNode(id);
      return;
    }
    if (!visible.has(id)) {
      state.types.add(n.type);
      document.querySelectorAll("#type-filters input").forEach(function (b) { if (b.value === n.type) b.checked = true; });
      if (state.article !== null && n.articles.indexOf(state.article) < 0) { state.article = null; $("article-filter").value = ""; }
      refresh();
    }
    network.selectNodes([id]);
    showNode(id);
    // Centre the node in the part of the stage the details panel leaves free.
    var free = freeArea(), stage = $("stage").getBoundingClientRect();
    network.focus(id, { scale: Math.max(network.getScale(), 1.1), locked: false,
      offset: { x: (free.left + free.right - stage.width) / 2, y: (free.top + free.bottom - stage.height) / 2 },
      animation: { duration: 350 } });
  }
  view.focusNode = focusNode;
  $("close-details").addEventListener("click", function () { $("details").hidden = true; network.unselectAll(); });
  network.on("click", function (p) {
    tip.hidden = true;
    if (p.nodes.length) {
      var id = p.nodes[0];
      if (typeof id === "string" && id[0] === "q") {
        openDetails([el("h2", {}, "Quote"), quoteBlock(Number(id.slice(1)), true)]);
      } else { showNode(id); }
      keepClear(id);
    } else if (p.edges.length && typeof p.edges[0] === "number") { showEdge(p.edges[0]); }
    else { $("details").hidden = true; }
  });

  /* ---------- tooltip (our own DOM, text only) ---------- */
  function showTip(pointer, lines) {
    tip.replaceChildren();
    lines.forEach(function (line, i) { tip.appendChild(el("div", { className: i ? "" : "t-title" }, line)); });
    tip.style.left = (pointer.x + 14) + "px";
    tip.style.top = (pointer.y + 10) + "px";
    tip.hidden = false;
  }
  network.on("hoverNode", function (p) {
    var n = byId[p.node];
    if (n) {
      showTip(p.pointer.DOM, [n.label, styles[n.type].label + (n.positions.length ? " · " + n.positions.slice(0, 2).join(", ") : ""),
        n.articles.length + " articles · " + n.quotes.length + " quotes · " + n.degree + " neighbours"]);
    } else if (typeof p.node === "string") {
      var q = data.quotes[Number(p.node.slice(1))];
      showTip(p.pointer.DOM, [q.text]);
    }
  });
  network.on("hoverEdge", function (p) {
    if (typeof p.edge === "string" && p.edge[0] === "c") {
      var c = data.co_mentions[Number(p.edge.slice(1))];
      showTip(p.pointer.DOM, [byId[c[0]].label + " · " + byId[c[1]].label,
        "named together in " + c[2] + (c[2] === 1 ? " article" : " articles") + " (no stated relation)"]);
      return;
    }
    var e = edgeById[p.edge];
    if (e) showTip(p.pointer.DOM, [byId[e.from].label + (e.directed ? " → " : " — ") + e.label + " " + (e.directed ? "" : "— ") + byId[e.to].label,
      e.articles.length + (e.articles.length === 1 ? " article" : " articles") + " · click for sources"]);
  });
  network.on("blurNode", function () { tip.hidden = true; });
  network.on("blurEdge", function () { tip.hidden = true; });
  network.on("dragStart", function () { tip.hidden = true; });

  /* ---------- search ---------- */
  var searchIndex = data.nodes.map(function (n) {
    return { id: n.id, keys: [fold(n.label)].concat(n.aliases.map(fold)), importance: n.importance };
  });
  var results = $("search-results");
  var active = -1;
  function runSearch() {
    var q = fold($("search").value);
    results.replaceChildren();
    active = -1;
    if (!q) return;
    var hits = [];
    searchIndex.forEach(function (s) {
      var rank = -1;
      s.keys.forEach(function (k) {
        var r = k === q ? 0 : k.indexOf(q) === 0 ? 1 : k.indexOf(" " + q) >= 0 ? 2 : k.indexOf(q) >= 0 ? 3 : -1;
        if (r >= 0 && (rank < 0 || r < rank)) rank = r;
      });
      if (rank >= 0) hits.push([rank, -s.importance, s.id]);
    });
    hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || byId[a[2]].label.localeCompare(byId[b[2]].label); });
    hits.slice(0, 10).forEach(function (h) {
      var n = byId[h[2]];
      results.appendChild(el("li", { role: "option", onmousedown: function (ev) { ev.preventDefault(); choose(n.id); } },
        swatch(styles[n.type]), n.label, el("span", { className: "count muted small" },
          n.drawn ? styles[n.type].label : "not drawn")));
      results.lastChild.dataset.id = String(n.id);
    });
    if (!hits.length) results.appendChild(el("li", { className: "muted" }, "no match"));
  }
  function choose(id) { results.replaceChildren(); focusNode(id); }
  $("search").addEventListener("input", runSearch);
  $("search").addEventListener("keydown", function (ev) {
    var items = Array.prototype.filter.call(results.children, function (li) { return li.dataset.id; });
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      if (!items.length) return;
      active = (active + (ev.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
      items.forEach(function (li, i) { li.classList.toggle("active", i === active); });
    } else if (ev.key === "Enter") {
      var pick = items[Math.max(active, 0)];
      if (pick) choose(Number(pick.dataset.id));
    } else if (ev.key === "Escape") { results.replaceChildren(); }
  });
  $("search").addEventListener("blur", function () { setTimeout(function () { results.replaceChildren(); }, 150); });
})();
