// Inlined at the end of every page's <head> by the build's finishing step
// (build_scripts/finish/page_hints.py), which fills in the names below
// (build_scripts/finish/names.py). Two jobs:
//
// 1. It defines, once for the whole site, whether the reader asks us to spare their data
//    (the browser's Save-Data, or a 2G link): `calculatorsSavingData()`. The page module asks
//    it before it fetches Python (megabytes) on a guess; then Python starts only once the
//    reader starts using a calculator.
// 2. On a page with a calculator (<meta name="calculators-start" content="early">), it starts
//    the calculators' worker while the page is still arriving. The page module itself only
//    runs once the browser gets to it, often after Material's bundle, a few hundred
//    milliseconds later; it adopts this worker, with every message and error that came
//    before it did (javascripts/calculator-runtime.mjs). Without WebAssembly or workers
//    nothing starts here, and the page module explains.
(() => {
  const names = __NAMES__;
  const savingData = () => {
    const link = navigator.connection;
    return Boolean(link && (link.saveData || /2g$/.test(link.effectiveType || "")));
  };
  window.calculatorsSavingData = savingData;
  const start = document.querySelector('meta[name="calculators-start"]');
  if (start?.content !== "early" || savingData()) return;
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") return;
  const module = document.querySelector(`script[type="module"][src$="${names.pageModule}"]`);
  const folder = document.querySelector('meta[name="calculators-runtime"]');
  if (!module || !folder) return;
  // The page module is in the scripts' folder, as the worker is.
  const url = new URL(names.worker, new URL(names.siteRoot, module.src));
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
