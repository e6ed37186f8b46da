/* Run a query table against a search index in Node with the site's own ranker.
 * Usage: node bench/search_quality.js INDEX.json QUERIES.json [minisearch]
 * QUERIES.json is [[category, query, [acceptable codes]], ...]; prints one JSON result per query:
 * [query, [top 3 codes], result count, milliseconds]. */
"use strict";
const fs = require("fs");
const path = require("path");
const ranker = require(path.join(__dirname, "..", "theme", "assets", "javascripts", "search-rank.js"));

const index = JSON.parse(fs.readFileSync(process.argv[2], "utf-8"));
const table = JSON.parse(fs.readFileSync(process.argv[3], "utf-8"));
const engine = process.argv[4] === "minisearch" ? require("./minisearch_engine.js")(index) : {
  search: (query) => ranker.search(index, query, 10).map((entry) => entry.code)
};
engine.search("warm up");
const out = table.map(([, query]) => {
  const start = process.hrtime.bigint();
  const codes = engine.search(query);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return [query, codes.slice(0, 3), codes.length, ms];
});
process.stdout.write(JSON.stringify(out));
