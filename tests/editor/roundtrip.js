// Reads and writes content files exactly as the staff editor does (congkhai-cms.js with the
// generated du-lieu.js), without a browser: node roundtrip.js EDITOR_DIR FORMAT FILE...
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [editorDir, format, ...files] = process.argv.slice(2);
const formats = {};
const window = {
  CMS: {
    registerCustomFormat: (name, _extension, formatter) => (formats[name] = formatter),
    getWidget: () => ({ control: null, preview: null }),
    registerWidget: () => {},
  },
  createClass: (spec) => spec,
  h: () => null,
};
const context = vm.createContext({ window, self: window, globalThis: window });
for (const name of ["js-yaml-4.1.0.min.js", "du-lieu.js", "congkhai-cms.js"]) {
  vm.runInContext(fs.readFileSync(path.join(editorDir, name), "utf8"), context, { filename: name });
}
if (!window.jsyaml) throw new Error("js-yaml did not load");
for (const file of files) {
  const formatter = formats[format];
  const text = fs.readFileSync(file, "utf8");
  fs.writeFileSync(file, formatter.toFile(formatter.fromFile(text)));
}
