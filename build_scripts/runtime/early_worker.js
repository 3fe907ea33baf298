// Starts the calculators' worker while the page is still arriving. Inlined in the <head> of a
// page with a calculator, after the page module's <script> (build_scripts/runtime/page_hints.py):
// the page module itself only runs once the browser gets to it, often after Material's bundle,
// a few hundred milliseconds later. The page module adopts this worker, with every message and
// error that came before it did (javascripts/calculators.mjs, `adoptOrStartWorker`); without
// WebAssembly or workers nothing happens here, and the page module explains. When the browser
// asks to save data or reports a 2G link, nothing starts here either: the page module starts
// Python once the reader starts using a calculator.
(() => {
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") return;
  const link = navigator.connection;
  if (link && (link.saveData || /2g$/.test(link.effectiveType || ""))) return;
  const module = document.querySelector('script[type="module"][src$="/calculators.mjs"]');
  const folder = document.querySelector('meta[name="calculators-runtime"]');
  if (!module || !folder) return;
  const url = new URL("calculator-worker.mjs", module.src);
  url.searchParams.set("runtime", folder.content);
  let worker;
  try {
    worker = new Worker(url, { type: "module" });
  } catch {
    return;
  }
  const events = [];
  const keep = (event) => {
    if (event.type === "error") event.preventDefault();
    events.push(event);
  };
  worker.addEventListener("message", keep);
  worker.addEventListener("error", keep);
  const release = () => {
    worker.removeEventListener("message", keep);
    worker.removeEventListener("error", keep);
  };
  window.calculatorsEarlyWorker = { worker, events, release };
})();
