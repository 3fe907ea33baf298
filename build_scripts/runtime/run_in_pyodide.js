// Build-time helper: runs pyodide_measure.py and pyodide_compile.py inside the pinned Pyodide
// under Node (the host has no CPython 3.14, so the interpreter the site ships compiles its own
// bytecode). CommonJS, so it needs no "type" in package.json; Pyodide itself is imported.
//
// Usage: node run_in_pyodide.js <pyodide dir> <stdlib zip> <full stdlib zip> <job dir>
//   <pyodide dir>  pyodide.mjs, pyodide.asm.mjs, pyodide.asm.wasm, pyodide-lock.json and the
//                  two Python files above
//   <stdlib zip>   the python_stdlib.zip to boot with (and measure)
//   <full stdlib zip>  the npm package's, added to sys.path after measuring: compiling
//                  needs modules (py_compile, tempfile) a trimmed zip leaves out
//   <job dir>      mounted at /job. Holds job.json:
//                  {"wheel": "<source wheel in job dir>", "package": "calculators",
//                   "keep": {"required": [...], "optional": [...]}, "compile_stdlib": bool,
//                   "optimize": {"package": 0, "stdlib": 2}}
//                  and receives result.json ({"missing": [...], "stdlib": [...]}),
//                  package.zip and (with compile_stdlib) stdlib.zip.
// Exit status 0 when the job ran (missing modules included), 1 with a message otherwise.

const fs = require("node:fs");
const path = require("node:path");
const { pathToFileURL } = require("node:url");

async function main([pyodideDir, stdlib, fullStdlib, jobDir]) {
  const indexURL = path.resolve(pyodideDir) + path.sep;
  const job = JSON.parse(fs.readFileSync(path.join(jobDir, "job.json"), "utf8"));
  const { loadPyodide } = await import(pathToFileURL(`${indexURL}pyodide.mjs`).href);
  const pyodide = await loadPyodide({
    indexURL,
    stdLibURL: path.resolve(stdlib),
    // Bytecode without column ranges: a fifth smaller; tracebacks keep their line numbers.
    env: { PYTHONNODEBUGRANGES: "1" },
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
  });
  // The installer the browser uses (pyodide._package_loader), so its imports count too.
  await pyodide.loadPackage(path.resolve(jobDir, job.wheel), {
    messageCallback: () => {},
    errorCallback: (line) => process.stderr.write(`${line}\n`),
  });

  const measure = run(pyodide, path.join(indexURL, "pyodide_measure.py"), "measure");
  const measured = measure(
    job.package,
    pyodide.toPy(job.keep.required),
    pyodide.toPy(job.keep.optional),
  ).toJs({
    dict_converter: Object.fromEntries,
  });
  if (measured.missing.length === 0) {
    pyodide.FS.mkdirTree("/job");
    pyodide.mountNodeFS("/job", path.resolve(jobDir));
    pyodide.FS.writeFile("/tmp/full_stdlib.zip", fs.readFileSync(fullStdlib));
    pyodide.runPython("import sys; sys.path.append('/tmp/full_stdlib.zip')");
    const compile = run(pyodide, path.join(indexURL, "pyodide_compile.py"), "compile_job");
    const stdlibEntries = job.compile_stdlib ? pyodide.toPy(measured.stdlib) : undefined;
    compile("/job", job.package, stdlibEntries, pyodide.toPy(job.optimize));
  }
  fs.writeFileSync(path.join(jobDir, "result.json"), JSON.stringify(measured));
}

// Runs a module's source in its own namespace and returns one of its functions.
function run(pyodide, file, name) {
  const namespace = pyodide.globals.get("dict")();
  pyodide.runPython(fs.readFileSync(file, "utf8"), { globals: namespace });
  return namespace.get(name);
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${String(error?.message ?? error)}\n`);
    process.exit(1);
  },
);
