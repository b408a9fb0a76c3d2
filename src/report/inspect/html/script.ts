/**
 * The page's script, inlined (plain ES2017, no dependencies): draws the layer bar chart and the file-system
 * treemap from the embedded JSON, shows a layer's files on click, and sorts tables. Data reaches the DOM only
 * through textContent and setAttribute, never innerHTML, so no file name can become markup.
 */
export const SCRIPT = String.raw`
(function () {
  'use strict';
  var SVG = 'http://www.w3.org/2000/svg';
  var source = document.getElementById('whittle-data');
  var data = JSON.parse(source.textContent);

  function el(tag, attrs, text) {
    var e = tag.indexOf('svg:') === 0 ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
    if (attrs) for (var k in attrs) if (attrs[k] !== undefined && attrs[k] !== null) e.setAttribute(k, String(attrs[k]));
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  // The same decimal units as the text report.
  function fmtBytes(n) {
    if (Math.abs(n) < 1000) return n + ' B';
    var units = ['kB', 'MB', 'GB', 'TB'], v = n / 1000, u = 0;
    while (Math.abs(v) >= 1000 && u < units.length - 1) { v /= 1000; u++; }
    return v.toFixed(Math.abs(v) >= 100 ? 0 : 1) + ' ' + units[u];
  }
  function pct(r) { return (r * 100).toFixed(r > 0 && r < 0.1 ? 1 : 0) + '%'; }
  // Teal (no waste) through yellow to red (half or more of the layer's file bytes wasted).
  function wasteColor(share) {
    var s = Math.max(0, Math.min(1, share / 0.5));
    return 'hsl(' + Math.round(165 * (1 - s)) + ',' + Math.round(55 + 20 * s) + '%,' + Math.round(40 + 6 * Math.sin(Math.PI * s)) + '%)';
  }

  /* ---------- layer bar chart ---------- */
  var chart = document.getElementById('layer-chart');
  var filesPanel = document.getElementById('layer-files');
  var selected = -1;

  function drawLayers() {
    var layers = data.layers;
    clear(chart);
    if (!layers.length) { chart.appendChild(el('p', { 'class': 'empty' }, 'The image has no layers.')); return; }
    var width = Math.max(chart.clientWidth, 480);
    var rowH = 28, labelW = Math.min(440, Math.round(width * 0.42)), sizeW = 170, idxW = 34;
    var barX = idxW + labelW + 8, barMax = Math.max(40, width - barX - sizeW);
    var max = 0;
    layers.forEach(function (l) { if (l.sizeBytes > max) max = l.sizeBytes; });
    var svg = el('svg:svg', { width: width, height: layers.length * rowH + 4, viewBox: '0 0 ' + width + ' ' + (layers.length * rowH + 4), role: 'list', 'aria-label': 'Layers by size' });
    var maxChars = Math.max(12, Math.floor(labelW / 7.3));
    var defs = el('svg:defs');
    var hatch = el('svg:pattern', { id: 'waste-hatch', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' });
    hatch.appendChild(el('svg:rect', { width: 6, height: 6, fill: '#c53030' }));
    hatch.appendChild(el('svg:rect', { width: 2.5, height: 6, fill: '#fff', 'fill-opacity': 0.45 }));
    defs.appendChild(hatch);
    svg.appendChild(defs);
    layers.forEach(function (l, i) {
      var y = i * rowH + 2;
      var g = el('svg:g', { 'class': 'row' + (i === selected ? ' selected' : ''), 'data-layer': l.index, role: 'listitem', tabindex: 0 });
      g.appendChild(el('svg:title', null, 'Layer ' + l.index + (l.base ? ' (base)' : '') + ': ' + l.createdBy + '\n' + fmtBytes(l.sizeBytes) + ' uncompressed, ' + fmtBytes(l.compressedSizeBytes) + ' compressed, ' + fmtBytes(l.wastedBytes) + ' wasted (' + pct(l.wasteShare) + ' of its file bytes)'));
      g.appendChild(el('svg:rect', { 'class': 'row-bg', x: 0, y: y, width: width, height: rowH - 2, rx: 4, fill: 'transparent' }));
      g.appendChild(el('svg:text', { 'class': 'idx', x: idxW - 8, y: y + rowH / 2 + 2, 'text-anchor': 'end' }, String(l.index)));
      var label = (l.base ? '[base] ' : '') + l.label;
      if (label.length > maxChars) label = label.slice(0, maxChars - 1) + '\u2026';
      g.appendChild(el('svg:text', { 'class': 'label', x: idxW, y: y + rowH / 2 + 2 }, label));
      var w = max > 0 ? (l.sizeBytes / max) * barMax : 0;
      g.appendChild(el('svg:rect', { 'class': 'bar', 'data-bytes': l.sizeBytes, x: barX, y: y + 5, width: w.toFixed(3), height: rowH - 12, rx: 3, fill: wasteColor(l.wasteShare) }));
      // The wasted bytes as a hatched stretch at the end of the bar.
      var ww = l.sizeBytes > 0 ? (Math.min(l.wastedBytes, l.sizeBytes) / max) * barMax : 0;
      if (ww >= 1) g.appendChild(el('svg:rect', { 'class': 'waste-part', x: (barX + w - ww).toFixed(3), y: y + 5, width: ww.toFixed(3), height: rowH - 12, fill: 'url(#waste-hatch)' }));
      g.appendChild(el('svg:text', { 'class': 'size', x: barX + w + 6, y: y + rowH / 2 + 2 }, fmtBytes(l.sizeBytes) + (l.wastedBytes ? ' \u00b7 ' + pct(l.wasteShare) + ' wasted' : '')));
      g.addEventListener('click', function () { selectLayer(i); });
      g.addEventListener('keydown', function (ev) { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); selectLayer(i); } });
      svg.appendChild(g);
    });
    chart.appendChild(svg);
  }

  function changeList(kind, title, list, total) {
    var col = el('div');
    col.appendChild(el('h4', { 'class': kind }, title + ' (' + total + ')'));
    if (!list.length) { col.setAttribute('class', 'none'); col.appendChild(el('p', { 'class': 'empty' }, 'none')); return col; }
    var box = el('div', { 'class': 'list' });
    var table = el('table', { 'class': 'changes-' + kind });
    var body = el('tbody');
    list.forEach(function (f) {
      var tr = el('tr');
      tr.appendChild(el('td', { 'class': 'num' }, fmtBytes(f.sizeBytes)));
      var td = el('td');
      td.appendChild(el('code', null, f.path));
      tr.appendChild(td);
      body.appendChild(tr);
    });
    table.appendChild(body);
    box.appendChild(table);
    col.appendChild(box);
    if (total > list.length) col.appendChild(el('p', { 'class': 'muted' }, 'and ' + (total - list.length) + ' smaller'));
    return col;
  }

  function selectLayer(i) {
    selected = i;
    var rows = chart.querySelectorAll('.row');
    for (var r = 0; r < rows.length; r++) rows[r].setAttribute('class', 'row' + (r === i ? ' selected' : ''));
    var l = data.layers[i];
    clear(filesPanel);
    var box = el('div', { 'class': 'layer-detail', 'data-layer': l.index });
    box.appendChild(el('h3', null, 'Layer ' + l.index + (l.base ? ' (base image)' : '') + ': ' + fmtBytes(l.sizeBytes) + ', ' + fmtBytes(l.wastedBytes) + ' wasted'));
    box.appendChild(el('pre', null, l.createdBy));
    var files = data.layerFiles && data.layerFiles[i];
    if (!files) {
      box.appendChild(el('p', { 'class': 'empty' }, l.added + ' added, ' + l.modified + ' modified, ' + l.removed + ' removed (file lists not included in this report).'));
    } else {
      var cols = el('div', { 'class': 'change-cols' });
      cols.appendChild(changeList('added', 'Added', files.added, files.totals.added));
      cols.appendChild(changeList('modified', 'Modified', files.modified, files.totals.modified));
      cols.appendChild(changeList('removed', 'Removed', files.removed, files.totals.removed));
      box.appendChild(cols);
    }
    filesPanel.appendChild(box);
  }

  /* ---------- file-system treemap ---------- */
  var treemap = document.getElementById('treemap');
  var crumbs = document.getElementById('crumbs');
  var trail = data.tree ? [data.tree] : [];
  var PALETTE = [212, 28, 145, 268, 350, 190, 48, 100, 320, 240, 0, 170];

  // Tree nodes are compact: n name, s bytes, f files, l layer (files), c children (folders), r folded rest.
  // Squarified layout (Bruls, Huizing, van Wijk): rows of rectangles kept close to square.
  function squarify(items, x, y, w, h) {
    var out = [], total = 0, i;
    for (i = 0; i < items.length; i++) total += items[i].s;
    if (total <= 0 || w <= 0 || h <= 0) return out;
    var scale = (w * h) / total, row = [], rowSum = 0, next = 0;
    function worst(sum, mx, mn, side) { return Math.max((side * side * mx) / (sum * sum), (sum * sum) / (side * side * mn)); }
    function rowStats(extra) {
      var s = rowSum + (extra ? extra.a : 0), mx = 0, mn = Infinity;
      row.concat(extra ? [extra] : []).forEach(function (r) { if (r.a > mx) mx = r.a; if (r.a < mn) mn = r.a; });
      return worst(s, mx, mn, Math.min(w, h));
    }
    function layRow() {
      if (w >= h) {
        var cw = rowSum / h, cy = y;
        row.forEach(function (r) { var rh = r.a / cw; out.push({ node: r.node, x: x, y: cy, w: cw, h: rh }); cy += rh; });
        x += cw; w -= cw;
      } else {
        var rh = rowSum / w, cx = x;
        row.forEach(function (r) { var rw = r.a / rh; out.push({ node: r.node, x: cx, y: y, w: rw, h: rh }); cx += rw; });
        y += rh; h -= rh;
      }
      row = []; rowSum = 0;
    }
    while (next < items.length) {
      var item = { node: items[next], a: items[next].s * scale };
      if (item.a <= 0) { next++; continue; }
      if (!row.length || rowStats(item) <= rowStats(null)) { row.push(item); rowSum += item.a; next++; }
      else layRow();
    }
    if (row.length) layRow();
    return out;
  }

  function describe(n) {
    if (n.r) return n.f + ' smaller files and folders, ' + fmtBytes(n.s) + ' (folded to keep this report small)';
    return n.n + (n.c ? '/' : '') + '\n' + fmtBytes(n.s) + (n.c ? ', ' + n.f + ' files' : ', layer ' + n.l);
  }

  function fitText(s, width) {
    var max = Math.floor((width - 8) / 6.8);
    if (max < 3) return '';
    return s.length > max ? s.slice(0, max - 1) + '\u2026' : s;
  }

  function drawCell(parent, c, hue, depth, shade) {
    var n = c.node;
    var kind = n.r ? 'rest' : n.c ? 'dir' : 'file';
    var g = el('svg:g', { 'class': 'cell ' + kind, 'data-kind': kind });
    if (depth === 0) g.setAttribute('data-name', n.n);
    g.appendChild(el('svg:title', null, describe(n)));
    var light = depth === 0 ? (kind === 'dir' ? 36 : 46) : 50 + (shade % 4) * 6;
    g.appendChild(el('svg:rect', { 'class': 'box', x: c.x.toFixed(2), y: c.y.toFixed(2), width: Math.max(0, c.w).toFixed(2), height: Math.max(0, c.h).toFixed(2), fill: 'hsl(' + hue + ',55%,' + light + '%)' }));
    var big = c.w > 46 && c.h > 18;
    if (depth === 0 && big) {
      var name = fitText(n.n + (kind === 'dir' ? '/' : ''), c.w);
      if (name) g.appendChild(el('svg:text', { x: (c.x + 5).toFixed(2), y: (c.y + 14).toFixed(2) }, name));
      if (c.h > 34) { var sz = fitText(fmtBytes(n.s), c.w); if (sz) g.appendChild(el('svg:text', { 'class': 'dim', x: (c.x + 5).toFixed(2), y: (c.y + 28).toFixed(2) }, sz)); }
    } else if (depth > 0 && c.w > 40 && c.h > 16) {
      var inner = fitText(n.n + (kind === 'dir' ? '/' : ''), c.w);
      if (inner) g.appendChild(el('svg:text', { 'class': 'dim', x: (c.x + 4).toFixed(2), y: (c.y + 13).toFixed(2) }, inner));
      if (c.h > 32) { var isz = fitText(fmtBytes(n.s), c.w); if (isz) g.appendChild(el('svg:text', { 'class': 'dim', x: (c.x + 4).toFixed(2), y: (c.y + 27).toFixed(2) }, isz)); }
    }
    // One level of the directory drawn inside it, for a sense of what it holds.
    if (depth === 0 && kind === 'dir' && n.c && n.c.length && c.w > 50 && c.h > 60) {
      var inside = squarify(n.c, c.x + 3, c.y + 34, c.w - 6, c.h - 37);
      inside.forEach(function (ic, k) { if (ic.w >= 2 && ic.h >= 2) drawCell(g, ic, hue, 1, k); });
    }
    if (depth === 0 && kind === 'dir') {
      g.setAttribute('tabindex', '0');
      g.setAttribute('role', 'button');
      g.addEventListener('click', function () { zoom(n); });
      g.addEventListener('keydown', function (ev) { if (ev.key === 'Enter') zoom(n); });
    }
    parent.appendChild(g);
  }

  function zoom(node) { trail.push(node); drawTree(); }

  function drawCrumbs() {
    clear(crumbs);
    trail.forEach(function (n, i) {
      if (i > 0) crumbs.appendChild(el('span', { 'class': 'sep' }, '\u203a'));
      var last = i === trail.length - 1;
      var b = el('button', { type: 'button', 'data-depth': i }, i === 0 ? '/' : n.n);
      if (last) b.setAttribute('aria-current', 'location');
      else b.addEventListener('click', function () { trail = trail.slice(0, i + 1); drawTree(); });
      crumbs.appendChild(b);
    });
    var cur = trail[trail.length - 1];
    crumbs.appendChild(el('span', { 'class': 'size' }, fmtBytes(cur.s) + ' in ' + cur.f + ' files'));
  }

  function drawTree() {
    clear(treemap);
    if (!trail.length) { treemap.appendChild(el('p', { 'class': 'empty' }, 'No file data in this report.')); return; }
    drawCrumbs();
    var cur = trail[trail.length - 1];
    var width = Math.max(treemap.clientWidth, 480), height = Math.round(Math.min(560, Math.max(320, width * 0.5)));
    var svg = el('svg:svg', { width: width, height: height, viewBox: '0 0 ' + width + ' ' + height, 'aria-label': 'File system by size' });
    var cells = squarify(cur.c || [], 0, 0, width, height);
    if (!cells.length) treemap.appendChild(el('p', { 'class': 'empty' }, 'This folder holds no file bytes.'));
    cells.forEach(function (c, i) { drawCell(svg, c, PALETTE[i % PALETTE.length], 0, 0); });
    treemap.appendChild(svg);
  }

  /* ---------- sortable tables ---------- */
  function makeSortable(table) {
    var heads = table.querySelectorAll('thead th');
    Array.prototype.forEach.call(heads, function (th, col) {
      th.setAttribute('tabindex', '0');
      function sort() {
        var numeric = th.getAttribute('data-type') === 'num';
        var dir = th.getAttribute('aria-sort') === 'descending' ? 1 : -1;
        if (!numeric && !th.getAttribute('aria-sort')) dir = 1;
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[col], y = b.cells[col];
          if (numeric) return dir * (Number(x.getAttribute('data-v')) - Number(y.getAttribute('data-v')));
          return dir * x.textContent.localeCompare(y.textContent);
        });
        rows.forEach(function (r) { body.appendChild(r); });
      }
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (ev) { if (ev.key === 'Enter') sort(); });
    });
  }

  drawLayers();
  drawTree();
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), makeSortable);
  var pending = 0;
  window.addEventListener('resize', function () {
    clearTimeout(pending);
    pending = setTimeout(function () { drawLayers(); drawTree(); if (selected >= 0) selectLayer(selected); }, 120);
  });
  document.documentElement.setAttribute('data-ready', '1');
})();
`;
