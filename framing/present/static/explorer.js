/* framing report: sortable tables, toggles, trends and the explorer (concordance lines and documents).
   Plain JavaScript, no library, no network: the data is embedded in the page as gzip + base64
   (script elements fd-main and fd-0, fd-1, ...) and decompressed with DecompressionStream. */
(function () {
  "use strict";
  const PAGE = 25;
  const VOICE_NAMES = ["own", "quoted", "reported"];
  const POLE_CLASS = {"-1": "p-neg", "0": "p-zero", "1": "p-pos"};
  let D = null;                       // the main data
  const chunks = new Map();           // chunk index -> Promise of {texts, hits, speakers}
  const byCell = [];                  // cell index -> line indices
  const S = {sel: null, groups: null, voice: "", period: "", label: "", sort: "sample", page: 0, current: -1};

  // ---------------------------------------------------------------- utilities
  function esc(s) {
    return String(s).replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));
  }
  function el(tag, attrs, html) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) e.setAttribute(k, v);
    if (html !== undefined) e.innerHTML = html;
    return e;
  }
  function fmt(n) { return Number(n).toLocaleString("en-US"); }
  function pct(x) { return x === null || x === undefined ? "–" : Math.round(100 * x) + "%"; }
  async function inflate(id) {
    const node = document.getElementById(id);
    if (!node) throw new Error("missing data block " + id);
    const b64 = node.textContent.trim();
    const bin = atob(b64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    if (typeof DecompressionStream === "undefined") throw new Error("this browser cannot decompress the report's data; use a current Chrome, Firefox, Safari or Edge");
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return JSON.parse(await new Response(stream).text());
  }
  function chunk(k) {
    if (!chunks.has(k)) chunks.set(k, inflate("fd-" + k));
    return chunks.get(k);
  }
  async function docText(d) {
    const c = await chunk(D.docs.chunk[d]);
    return {text: c.texts[D.docs.slot[d]], hits: c.hits[D.docs.slot[d]], speakers: c.speakers};
  }
  // Offsets are code points (Python); JavaScript strings count UTF-16 units.
  const units = new WeakMap();
  function cu(text) {
    if (!/[\uD800-\uDFFF]/.test(text)) return (i) => i;
    let map = units.get(text);
    if (!map) {
      map = [0];
      let u = 0;
      for (const ch of text) { u += ch.length; map.push(u); }
      units.set(text, map);
    }
    return (i) => map[Math.min(i, map.length - 1)];
  }
  function squeeze(s) { return s.replace(/\s+/g, " ").trim(); }

  // ---------------------------------------------------------------- tables
  function cellValue(row, i) {
    const c = row.children[i];
    if (!c) return "";
    const v = c.getAttribute("data-sort");
    return v !== null ? v : c.textContent.trim();
  }
  function sortTable(th) {
    const table = th.closest("table");
    const i = Array.prototype.indexOf.call(th.parentNode.children, th);
    const body = table.tBodies[0];
    const rows = Array.from(body.rows);
    const asc = th.getAttribute("aria-sort") !== "ascending";
    const numeric = rows.every((r) => { const v = cellValue(r, i); return v === "" || !isNaN(Number(v)); });
    rows.sort((a, b) => {
      let x = cellValue(a, i), y = cellValue(b, i);
      if (numeric) {
        x = x === "" ? NaN : Number(x); y = y === "" ? NaN : Number(y);
        if (isNaN(x) && isNaN(y)) return 0;
        if (isNaN(x)) return 1;
        if (isNaN(y)) return -1;
        return asc ? x - y : y - x;
      }
      return asc ? x.localeCompare(y) : y.localeCompare(x);
    });
    let n = 0;
    const limit = table.dataset.show ? Number(table.dataset.show) : Infinity;
    for (const r of rows) {
      body.appendChild(r);
      if (r.classList.contains("more") || table.dataset.show) {
        r.classList.toggle("more", n >= limit);
        if (!r.classList.contains("empty")) n++;
      }
    }
    for (const h of th.parentNode.children) h.removeAttribute("aria-sort");
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
  }
  function toggle(btn, cls) {
    const box = btn.closest(".table, section");
    const on = box.classList.toggle(cls);
    if (!btn.dataset.label) btn.dataset.label = btn.textContent;
    btn.textContent = on ? "show fewer" : btn.dataset.label;
  }

  // ---------------------------------------------------------------- explorer: selection and lines
  function labelName(li) { return D.labels[li].id; }
  function conceptName(ci) { return D.concepts[ci].id.replace(/_/g, " "); }
  function findConcept(id) { return D.concepts.findIndex((c) => c.id === id); }
  function findLabel(concept, id) {
    const ci = findConcept(concept);
    if (ci < 0) return -1;
    return D.concepts[ci].labels.find((li) => D.labels[li].id === id) ?? -1;
  }
  function cellsOf(sel) {
    const out = [];
    D.cells.forEach((c, k) => {
      if (sel.kind === "term" ? c[0] === 1 && c[1] === sel.term
        : c[0] === 0 && (sel.kind === "label" ? c[1] === sel.label : D.labels[c[1]].c === sel.concept)) out.push(k);
    });
    return out;
  }
  function selectedLines() {
    const L = D.lines, out = [];
    for (const k of cellsOf(S.sel)) {
      const c = D.cells[k];
      if (S.groups && !S.groups.includes(c[2])) continue;
      if (S.label !== "" && c[1] !== Number(S.label)) continue;
      for (const i of byCell[k]) {
        if (S.voice === "scare" ? !L.scare[i] : S.voice !== "" && VOICE_NAMES[L.voice[i]] !== S.voice) continue;
        if (S.period !== "" && L.period[i] !== Number(S.period)) continue;
        out.push(i);
      }
    }
    if (S.sort === "date") out.sort((a, b) => (D.docs.date[L.doc[a]] || "").localeCompare(D.docs.date[L.doc[b]] || "") || a - b);
    else if (S.sort === "group") out.sort((a, b) => D.cells[L.cell[a]][2] - D.cells[L.cell[b]][2] || a - b);
    return out;
  }
  function totals() {
    let hits = 0, shown = 0, cut = 0;
    const voices = [0, 0, 0];
    for (const k of cellsOf(S.sel)) {
      const c = D.cells[k];
      if (S.groups && !S.groups.includes(c[2])) continue;
      if (S.label !== "" && c[1] !== Number(S.label)) continue;
      hits += c[3]; shown += c[4]; cut += c[5];
      if (c[6]) c[6].forEach((v, j) => { voices[j] += v; });
    }
    return {hits, shown, cut, voices};
  }
  function option(value, text, selected) {
    return `<option value="${esc(value)}"${selected ? " selected" : ""}>${esc(text)}</option>`;
  }
  function headHtml() {
    const sel = S.sel;
    let title, terms = "";
    if (sel.kind === "term") {
      title = `discovered term <bdi dir="rtl" lang="ar">${esc(D.terms[sel.term].term)}</bdi>`;
    } else if (sel.kind === "label") {
      const lab = D.labels[sel.label];
      title = `<span class="chip" style="background:${lab.colour}"></span>${esc(lab.id)} <small>${esc(conceptName(lab.c))} · pole ${lab.pole > 0 ? "+" : ""}${lab.pole}</small>`;
      terms = `<div class="ctx-terms" dir="rtl" lang="ar">${lab.terms.map(esc).join(" · ")}</div>`;
    } else {
      const c = D.concepts[sel.concept];
      title = `${esc(conceptName(sel.concept))} <small>${esc(c.negative)} ↔ ${esc(c.positive)}, every label</small>`;
    }
    const groupOpts = option("", "all groups", !S.groups) + D.groups.map((g, i) =>
      option(String(i), g, S.groups && S.groups.length === 1 && S.groups[0] === i)).join("") +
      (S.groups && S.groups.length > 1 ? option("set", S.groups.map((i) => D.groups[i]).join(" + "), true) : "");
    const voiceOpts = [["", "every voice"], ["own", "own"], ["quoted", "quoted"], ["reported", "reported"], ["scare", "scare-quoted"]]
      .map(([v, t]) => option(v, t, S.voice === v)).join("");
    const periodOpts = option("", "every " + D.time, S.period === "") + D.periods.map((p, i) => option(String(i), p, S.period === String(i))).join("");
    const labelSel = sel.kind === "concept" ? `<label>label <select id="f-label">${option("", "every label", S.label === "")}${
      D.concepts[sel.concept].labels.map((li) => option(String(li), labelName(li), S.label === String(li))).join("")}</select></label>` : "";
    const sortOpts = [["sample", "sample order"], ["date", "date"], ["group", "group"]].map(([v, t]) => option(v, t, S.sort === v)).join("");
    return `<div class="ctx-head"><div class="ctx-title">${title}</div>${terms}<div class="filters">
      <label>group <select id="f-group">${groupOpts}</select></label>
      <label>voice <select id="f-voice">${voiceOpts}</select></label>
      <label>${esc(D.time)} <select id="f-period">${periodOpts}</select></label>${labelSel}
      <label>order <select id="f-sort">${sortOpts}</select></label></div></div>`;
  }
  async function renderContexts() {
    const box = document.getElementById("contexts");
    const lines = selectedLines();
    const t = totals();
    const pages = Math.max(1, Math.ceil(lines.length / PAGE));
    S.page = Math.min(S.page, pages - 1);
    const first = S.page * PAGE, page = lines.slice(first, first + PAGE);
    const texts = await Promise.all(page.map((i) => docText(D.lines.doc[i])));
    const L = D.lines, W = D.window;
    const rows = page.map((i, n) => {
      const d = L.doc[i], text = texts[n].text, at = cu(text), s = L.start[i], e = L.end[i];
      const before = squeeze(text.slice(at(Math.max(0, s - W)), at(s)));
      const match = text.slice(at(s), at(e));
      const after = squeeze(text.slice(at(e), at(e + W)));
      const cell = D.cells[L.cell[i]];
      const pole = cell[0] === 0 ? POLE_CLASS[String(D.labels[cell[1]].pole)] : "term-hit";
      const voice = VOICE_NAMES[L.voice[i]] + (L.scare[i] ? ", scare-quoted" : "");
      const who = L.speaker[i] >= 0 ? `<bdi dir="rtl" lang="ar">${esc(D.speakers[L.speaker[i]])}</bdi>` : "";
      const lab = cell[0] === 0 && S.sel.kind === "concept" ? ` · ${esc(labelName(cell[1]))}` : "";
      return `<tr class="line${i === S.current ? " current" : ""}" tabindex="0" data-line="${i}" data-doc="${d}"
        data-doc-id="${esc(D.docs.id[d])}" data-start="${s}" data-end="${e}" data-voice="${VOICE_NAMES[L.voice[i]]}"
        data-scare="${L.scare[i]}" data-group="${esc(D.groups[cell[2]])}" data-period="${L.period[i] >= 0 ? esc(D.periods[L.period[i]]) : ""}">
        <td class="before" dir="rtl" lang="ar"><div class="clip-start"><span dir="rtl">${esc(before)}</span></div></td>
        <td class="match" dir="rtl" lang="ar"><mark class="${pole}">${esc(match)}</mark></td>
        <td class="after" dir="rtl" lang="ar"><div class="clip-end">${esc(after)}</div></td>
        <td class="src" dir="ltr">${esc(D.groups[cell[2]])} · ${esc(D.docs.date[d] ? D.docs.date[d].slice(0, 10) : "undated")}<br>${esc(voice)}${lab} ${who}</td></tr>`;
    }).join("");
    const voices = t.voices.some((v) => v) ? ` (${VOICE_NAMES.map((v, j) => `${v} ${fmt(t.voices[j])}`).join(" · ")})` : "";
    const count = lines.length ? `Lines ${fmt(first + 1)}–${fmt(first + page.length)} of ${fmt(lines.length)} shown here` : "No line matches these filters";
    const cut = t.cut ? ` The page's text budget cut ${fmt(t.cut)} of these cells short (see methods).` : "";
    box.innerHTML = headHtml() + `<p class="ctx-count">${count}; ${fmt(t.hits)} hits in all${voices}, of which up to ${fmt(t.shown)} are sampled for the page (a seeded random sample).${cut}</p>
      <table class="kwic" dir="rtl"><colgroup><col class="ctx"><col class="mt"><col class="ctx"><col class="src"></colgroup>
      <thead><tr><th>before</th><th>match</th><th>after</th><th dir="ltr">source</th></tr></thead><tbody>${rows}</tbody></table>
      <div class="pager"><button type="button" id="p-prev"${S.page ? "" : " disabled"}>previous</button>
      <span>page ${S.page + 1} of ${pages}</span><button type="button" id="p-next"${S.page + 1 < pages ? "" : " disabled"}>next</button></div>`;
  }
  function open(sel, filters) {
    S.sel = sel; S.page = 0; S.label = ""; S.current = -1;
    S.groups = filters.groups; S.period = filters.period ?? ""; S.voice = "";
    const ex = document.getElementById("explorer");
    ex.hidden = false;
    document.body.classList.add("ex-open");
    document.getElementById("document").innerHTML = "";
    return renderContexts().catch(report);
  }
  function fromElement(node) {
    const groups = [];
    const names = node.dataset.groups ? node.dataset.groups.split("|") : node.dataset.group ? [node.dataset.group] : [];
    for (const g of names) { const i = D.groups.indexOf(g); if (i >= 0) groups.push(i); }
    const filters = {groups: groups.length ? groups : null};
    if (node.dataset.period) { const p = D.periods.indexOf(node.dataset.period); if (p >= 0) filters.period = String(p); }
    if (node.dataset.term !== undefined) {
      const t = D.terms.findIndex((x) => x.term === node.dataset.term);
      return t < 0 ? null : [{kind: "term", term: t}, {groups: null}];
    }
    const concept = node.dataset.concept;
    if (node.dataset.label) {
      const li = findLabel(concept, node.dataset.label);
      return li < 0 ? null : [{kind: "label", label: li}, filters];
    }
    const ci = findConcept(concept);
    return ci < 0 ? null : [{kind: "concept", concept: ci}, filters];
  }

  // ---------------------------------------------------------------- explorer: the document view
  async function showDocument(tr) {
    const i = Number(tr.dataset.line);
    S.current = i;
    for (const r of document.querySelectorAll("#contexts tr.line.current")) r.classList.remove("current");
    tr.classList.add("current");
    return renderDocument(Number(tr.dataset.doc), Number(tr.dataset.start), Number(tr.dataset.end), i);
  }
  // A document of the same-story table: the explorer shows its text, with no line selected.
  async function openDocument(id) {
    const d = D.docs.id.indexOf(id);
    const ex = document.getElementById("explorer");
    ex.hidden = false;
    document.body.classList.add("ex-open");
    S.sel = null;
    document.getElementById("contexts").innerHTML = `<p class="ctx-count">A document of the same-story table: every lexicon hit marked; click a mark for its lines.</p>`;
    if (d < 0) {
      document.getElementById("document").innerHTML = `<p class="note">The text of ${esc(id)} is not in this page.</p>`;
      return;
    }
    return renderDocument(d, -1, -1, -1);
  }
  async function renderDocument(d, s0, e0, i) {
    const {text, hits, speakers} = await docText(d);
    const at = cu(text);
    let marks = hits.map((h) => ({s: h[0], e: h[1], label: h[2], voice: h[3], scare: h[4], who: h[5]}));
    if (i >= 0 && !marks.some((m) => m.s === s0 && m.e === e0)) {
      marks = marks.filter((m) => m.e <= s0 || m.s >= e0);
      marks.push({s: s0, e: e0, label: -1, voice: D.lines.voice[i], scare: D.lines.scare[i], who: -1});
    }
    marks.sort((a, b) => a.s - b.s || b.e - a.e);
    const out = [];
    let pos = 0;
    for (const m of marks) {
      if (m.s < pos) continue;
      out.push(esc(text.slice(at(pos), at(m.s))));
      const lab = m.label >= 0 ? D.labels[m.label] : null;
      const cls = ["hit", lab ? POLE_CLASS[String(lab.pole)] : "term-hit", "v-" + VOICE_NAMES[m.voice]];
      if (m.scare) cls.push("scare");
      if (m.s === s0 && m.e === e0) cls.push("current");
      const who = m.who >= 0 ? ", speaker: " + speakers[m.who] : "";
      const title = (lab ? `${lab.id} (${D.concepts[lab.c].id}, pole ${lab.pole})` : "discovered term") +
        ` · ${VOICE_NAMES[m.voice]} voice${who}${m.scare ? " · in scare quotes" : ""}`;
      const data = lab ? ` data-concept="${esc(D.concepts[lab.c].id)}" data-label="${esc(lab.id)}"` : "";
      out.push(`<mark class="${cls.join(" ")}" data-start="${m.s}" data-end="${m.e}"${data} title="${esc(title)}">${esc(text.slice(at(m.s), at(m.e)))}</mark>`);
      pos = m.e;
    }
    out.push(esc(text.slice(at(pos))));
    const n = hits.length;
    const view = document.getElementById("document");
    view.innerHTML = `<div class="doc-head" dir="ltr"><b>${esc(D.docs.outlet[d])}</b> · group ${esc(D.groups[D.docs.group[d]] ?? "")}
      · ${esc(D.docs.date[d] || "undated")} · id <code>${esc(D.docs.id[d])}</code> · ${fmt(n)} lexicon hit${n === 1 ? "" : "s"}</div>
      <div class="doc-legend" dir="ltr">Marks: background = the label's pole (<mark class="hit p-neg">−1</mark> <mark class="hit p-zero">0</mark>
      <mark class="hit p-pos">+1</mark>); <mark class="hit v-quoted">quoted</mark>, <mark class="hit v-reported">reported</mark>,
      <mark class="hit scare">scare quotes</mark>; the line's hit is outlined. Hover a mark for its label and voice; click it for its lines.</div>
      <div class="doc-text" dir="rtl" lang="ar">${out.join("")}</div>`;
    const cur = view.querySelector("mark.current");
    if (cur) cur.scrollIntoView({block: "center"});
  }

  // ---------------------------------------------------------------- trends (small multiples in SVG)
  function drawTrends() {
    const select = document.getElementById("trend-concept");
    const panels = document.getElementById("trend-panels");
    if (!select || !panels) return;
    const ci = findConcept(select.value), bands = document.getElementById("trend-bands").checked;
    const rows = D.trends.filter((r) => r[0] === ci);
    const labels = D.concepts[ci].labels.filter((li) => rows.some((r) => r[1] === li && r[7] > 0));
    document.getElementById("trend-legend").innerHTML = labels.map((li) =>
      `<span data-concept="${esc(D.concepts[ci].id)}" data-label="${esc(D.labels[li].id)}" tabindex="0"><span class="chip" style="background:${D.labels[li].colour}"></span>${esc(D.labels[li].id)} (${D.labels[li].pole > 0 ? "+" : ""}${D.labels[li].pole})</span>`).join("");
    const P = D.periods.length, W = 250, H = 160, l = 36, r = 10, t = 18, b = 36;
    const year = D.periods.length && D.periods.every((p) => p.length > 4 && p.slice(0, 4) === D.periods[0].slice(0, 4));
    const tick = (p) => (year ? p.slice(5) : p);
    const x = (p) => l + (P > 1 ? (W - l - r) * p / (P - 1) : (W - l - r) / 2);
    const y = (v) => t + (H - t - b) * (1 - v);
    const step = Math.max(1, Math.ceil(P / 6));
    const svgs = [];
    D.groups.forEach((g, gi) => {
      const mine = rows.filter((q) => q[2] === gi);
      if (!mine.some((q) => q[8] > 0)) return;
      let s = `<svg width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(g)}"><text x="${l}" y="12" font-weight="bold">${esc(g)}</text>`;
      for (const v of [0, 0.5, 1]) s += `<line x1="${l}" x2="${W - r}" y1="${y(v)}" y2="${y(v)}" stroke="#e5e5e5"/><text x="${l - 4}" y="${y(v) + 3}" text-anchor="end">${v * 100}%</text>`;
      D.periods.forEach((p, pi) => { if (pi % step === 0) s += `<text x="${x(pi)}" y="${H - b + 12}" text-anchor="end" transform="rotate(-35 ${x(pi)} ${H - b + 12})">${esc(tick(p))}</text>`; });
      if (year) s += `<text x="${W - r}" y="12" text-anchor="end">${esc(D.periods[0].slice(0, 4))}</text>`;
      for (const li of labels) {
        const pts = mine.filter((q) => q[1] === li && q[4] !== null).sort((a, c) => a[3] - c[3]);
        const colour = D.labels[li].colour;
        if (bands) {
          const withCi = pts.filter((q) => q[5] !== null);
          if (withCi.length > 1) s += `<polygon fill="${colour}" fill-opacity="0.15" points="${withCi.map((q) => x(q[3]) + "," + y(q[6])).join(" ")} ${withCi.slice().reverse().map((q) => x(q[3]) + "," + y(q[5])).join(" ")}"/>`;
        }
        if (pts.length > 1) s += `<polyline fill="none" stroke="${colour}" stroke-width="1.5" points="${pts.map((q) => x(q[3]) + "," + y(q[4])).join(" ")}"/>`;
        for (const q of pts) {
          const ci95 = q[5] !== null ? ` [${pct(q[5])}, ${pct(q[6])}]` : " (too few hits)";
          s += `<circle cx="${x(q[3])}" cy="${y(q[4])}" r="3" fill="${q[9] ? "#fff" : colour}" stroke="${colour}"
            data-concept="${esc(D.concepts[ci].id)}" data-label="${esc(D.labels[li].id)}" data-group="${esc(g)}" data-period="${esc(D.periods[q[3]])}"><title>${esc(D.labels[li].id)}, ${esc(D.periods[q[3]])}: ${pct(q[4])}${ci95}, ${q[7]} of ${q[8]} hits</title></circle>`;
        }
      }
      svgs.push(s + "</svg>");
    });
    panels.innerHTML = svgs.join("") || '<p class="note">No group mentions this concept in a dated document.</p>';
  }

  // ---------------------------------------------------------------- wiring
  function report(err) {
    const box = document.getElementById("contexts");
    if (box) box.innerHTML = `<p class="note">The explorer could not load its data: ${esc(err && err.message ? err.message : err)}</p>`;
  }
  function activate(target) {
    if (!D) return false;
    const line = target.closest("#contexts tr.line");
    if (line) { showDocument(line).catch(report); return true; }
    const link = target.closest("[data-open-doc]");
    if (link) { openDocument(link.dataset.openDoc).catch(report); return true; }
    const node = target.closest("[data-concept], [data-term]");
    if (!node) return false;
    const what = fromElement(node);
    if (what) open(what[0], what[1]);
    return true;
  }
  document.addEventListener("click", (ev) => {
    const t = ev.target;
    if (t.closest("thead th") && t.closest("table.sortable") && !t.closest("[data-concept]")) { sortTable(t.closest("th")); return; }
    if (t.closest("button.show-all")) { toggle(t.closest("button"), "show-more"); return; }
    if (t.closest("button.show-empty")) { toggle(t.closest("button"), "show-empty"); return; }
    if (t.closest("#ex-close")) { document.getElementById("explorer").hidden = true; document.body.classList.remove("ex-open"); return; }
    if (t.closest("#p-prev")) { S.page--; renderContexts().catch(report); return; }
    if (t.closest("#p-next")) { S.page++; renderContexts().catch(report); return; }
    if (t.closest("select, summary, button, label")) return;
    if (activate(t) && t.closest("a")) ev.preventDefault();
  });
  document.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape") { document.getElementById("explorer").hidden = true; document.body.classList.remove("ex-open"); return; }
    if ((ev.key === "Enter" || ev.key === " ") && ev.target.matches("[data-concept], [data-term], [data-open-doc], tr.line")) {
      ev.preventDefault();
      activate(ev.target);
    }
  });
  document.addEventListener("change", (ev) => {
    const id = ev.target.id;
    if (id === "trend-concept" || id === "trend-bands") { drawTrends(); return; }
    if (!S.sel || !id.startsWith("f-")) return;
    const v = ev.target.value;
    if (id === "f-group") S.groups = v === "" ? null : v === "set" ? S.groups : [Number(v)];
    if (id === "f-voice") S.voice = v;
    if (id === "f-period") S.period = v;
    if (id === "f-label") S.label = v;
    if (id === "f-sort") S.sort = v;
    S.page = 0;
    renderContexts().catch(report);
  });
  inflate("fd-main").then((data) => {
    D = data;
    D.cells.forEach(() => byCell.push([]));
    D.lines.cell.forEach((c, i) => byCell[c].push(i));
    drawTrends();
    document.documentElement.dataset.explorer = "ready";
    if (window.performance && performance.mark) performance.mark("framing-ready");
  }).catch((err) => { document.documentElement.dataset.explorer = "failed"; report(err); });
})();
