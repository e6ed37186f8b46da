/* MiniSearch (npm "minisearch", MIT) configured as well as we could for Vietnamese, to compare
 * with congkhai's own ranker on the same index and queries (bench/search_quality.py).
 * Same folding as the site (search-rank.js key(): no diacritics, đ = d, ky = ki), words in
 * any order (OR), prefix on every term, fuzzy 0.2, name boosted over field and summary.
 * MiniSearch is resolved from NODE_PATH: it is measured, not shipped. */
"use strict";
const MiniSearch = require("minisearch");
const path = require("path");
const ranker = require(path.join(__dirname, "..", "theme", "assets", "javascripts", "search-rank.js"));

module.exports = function (index) {
  const engine = new MiniSearch({
    fields: ["title", "field", "summary", "keywords"],
    storeFields: ["code"],
    processTerm: (term) => ranker.key(term),
    searchOptions: {
      boost: { title: 3, keywords: 2, field: 1, summary: 0.5 },
      prefix: true,
      fuzzy: 0.2,
      combineWith: "OR"
    }
  });
  engine.addAll(index.rows.map((row, id) => ({
    id, code: row[1], title: row[2], field: index.fields[row[3]] || "", summary: row[5] || "",
    keywords: row[7] || ""
  })));
  return {
    search: (query) => {
      const digits = query.replace(/[\s.]/g, "");
      if (/^\d{7}$/.test(digits)) {
        const code = digits[0] + "." + digits.slice(1);
        return index.rows.filter((row) => row[1] === code).map((row) => row[1]);
      }
      return engine.search(query).slice(0, 10).map((hit) => hit.code);
    }
  };
};
