// Starts the calculators' worker while the page is still arriving. Inlined in the <head> of a
// page with a calculator, after the page module's <script>, by the build's finishing step
// (build_scripts/finish/), which fills in the names below (build_scripts/finish/names.py).
// The page module itself only runs once the browser gets to it, often after Material's
// bundle, a few hundred milliseconds later; it adopts this worker, with every message and
// error that came before it did (javascripts/calculator-runtime.mjs). Without WebAssembly or
// workers nothing happens here, and the page module explains. When the browser asks to save
// data or reports a 2G link, nothing starts here either: the page module starts Python once
// the reader starts using a calculator.
(() => {
  const names = __NAMES__;
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") return;
  const link = navigator.connection;
  if (link?.saveData || /2g$/.test(link?.effectiveType || "")) return;
  const module = document.querySelector(`script[type="module"][src$="${names.pageModule}"]`);
  const folder = document.querySelector('meta[name="calculators-runtime"]');
  if (!module || !folder) return;
  const siteRoot = module.src.slice(0, -names.pageModule.length);
  const url = new URL(names.worker, siteRoot);
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
