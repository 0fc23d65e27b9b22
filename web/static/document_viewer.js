// The contract page's PDF viewer: draws one page of a contract's PDF with pdf.js (served
// from this site, see scripts/fetch_pdfjs.py) and, when a reader clicks a value's evidence,
// opens the evidence's page and marks the quote in pdf.js's text layer. Scanned pages have
// no text layer to search: they open on the right page, unmarked, and the viewer says so.
import * as pdfjs from "./vendor/pdfjs/pdf.min.mjs";

const viewer = document.getElementById("document-viewer");
if (viewer) start(viewer);

function start(viewer) {
  const base = viewer.dataset.pdfjs;
  pdfjs.GlobalWorkerOptions.workerSrc = `${base}/pdf.worker.min.mjs`;
  const frame = viewer.querySelector(".pdf-page");
  const canvas = frame.querySelector("canvas");
  const textLayer = frame.querySelector(".textLayer");
  const pageLabel = viewer.querySelector("[data-role=page-number]");
  const pageCount = viewer.querySelector("[data-role=page-count]");
  const status = viewer.querySelector("[data-role=status]");
  const texts = JSON.parse(viewer.querySelector("#viewer-texts").textContent);
  const shown = new Set(viewer.dataset.documents.split(" ").filter(Boolean));
  // Draws run one after another: pdf.js refuses two renders into one canvas at once.
  const state = { url: null, loading: null, pdf: null, page: 1, queue: Promise.resolve() };

  async function load(url) {
    if (state.url !== url) {
      state.url = url;
      // Glyphs are drawn as paths, not through the browser's font loader: with it, a CUAD
      // contract's embedded Courier subset came out with every "e" drawn as "=". No eval:
      // the page's policy forbids it, and pdf.js then interprets the glyph programs.
      state.loading = pdfjs.getDocument({
        url, isEvalSupported: false, disableFontFace: true,
        standardFontDataUrl: `${base}/standard_fonts/`, cMapUrl: `${base}/cmaps/`,
        cMapPacked: true,
      }).promise;
    }
    state.pdf = await state.loading;
    pageCount.textContent = String(state.pdf.numPages);
    return state.pdf;
  }

  function show(url, page, quote) {
    state.queue = state.queue.then(() => showNow(url, page, quote));
    return state.queue;
  }

  async function showNow(url, page, quote) {
    viewer.dataset.state = "loading";
    try {
      const pdf = await load(url);
      state.page = Math.min(Math.max(1, page), pdf.numPages);
      await draw(pdf, state.page, quote);
    } catch (error) {
      viewer.dataset.state = "failed";
      status.textContent = texts.failed;
      console.error(error);
    }
  }

  async function draw(pdf, number, quote) {
    const page = await pdf.getPage(number);
    const width = Math.max(200, frame.clientWidth);
    const viewport = page.getViewport({ scale: width / page.getViewport({ scale: 1 }).width });
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.floor(viewport.width * ratio);
    canvas.height = Math.floor(viewport.height * ratio);
    canvas.style.width = `${viewport.width}px`;
    canvas.style.height = `${viewport.height}px`;
    await page.render({
      canvasContext: canvas.getContext("2d"), viewport,
      transform: ratio === 1 ? null : [ratio, 0, 0, ratio, 0, 0],
    }).promise;
    frame.style.setProperty("--scale-factor", String(viewport.scale));
    textLayer.replaceChildren();
    const layer = new pdfjs.TextLayer({
      textContentSource: await page.getTextContent(), container: textLayer, viewport,
    });
    await layer.render();
    pageLabel.textContent = String(number);
    const found = quote ? mark(layer.textDivs, quote) : null;
    viewer.dataset.page = String(number);
    viewer.dataset.state = found ? "marked" : "shown";
    if (!quote) status.textContent = "";
    else if (found) {
      status.textContent = texts.marked;
      found.scrollIntoView({ block: "center", inline: "nearest" });
    } else status.textContent = layer.textDivs.length ? texts.not_found : texts.no_text;
  }

  // The quote, found in the page's text pieces with whitespace ignored (pdf.js and the
  // server's reader space words differently), wrapped in <mark>; returns the first mark.
  function mark(divs, quote) {
    const wanted = squeeze(quote);
    if (!wanted) return null;
    const chars = [];
    divs.forEach((div, index) => {
      const text = div.textContent;
      for (let offset = 0; offset < text.length; offset += 1) {
        if (!/\s/.test(text[offset])) chars.push({ index, offset, ch: text[offset] });
      }
    });
    const haystack = chars.map((c) => c.ch).join("").toLowerCase();
    let at = haystack.indexOf(wanted);
    let length = wanted.length;
    if (at < 0 && wanted.length > 60) {
      // Long quotes can break over a hyphen or a footer: mark at least their beginning.
      length = 60;
      at = haystack.indexOf(wanted.slice(0, length));
    }
    if (at < 0) return null;
    const spans = new Map();
    for (const c of chars.slice(at, at + length)) {
      const span = spans.get(c.index) || { from: c.offset, to: c.offset };
      span.to = c.offset + 1;
      spans.set(c.index, span);
    }
    let first = null;
    for (const [index, { from, to }] of spans) {
      const div = divs[index];
      const text = div.textContent;
      const hit = document.createElement("mark");
      hit.className = "evidence-hit";
      hit.textContent = text.slice(from, to);
      div.replaceChildren(text.slice(0, from), hit, text.slice(to));
      first = first || hit;
    }
    return first;
  }

  function squeeze(text) {
    return text.replace(/\s+/g, "").toLowerCase();
  }

  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-evidence-page]");
    if (!link || !shown.has(link.dataset.document)) return;
    event.preventDefault();
    viewer.scrollIntoView({ block: "start" });
    show(link.dataset.url, Number(link.dataset.evidencePage), link.dataset.quote || "");
  });
  viewer.querySelector("[data-role=previous]").addEventListener("click", () => {
    if (state.pdf && state.page > 1) show(state.url, state.page - 1, "");
  });
  viewer.querySelector("[data-role=next]").addEventListener("click", () => {
    if (state.pdf && state.page < state.pdf.numPages) show(state.url, state.page + 1, "");
  });
  // A passage followed from the search opens on its page with its words marked.
  show(viewer.dataset.url, Number(viewer.dataset.page || "1"), viewer.dataset.quote || "");
}
