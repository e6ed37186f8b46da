/* congkhai search ranking: Vietnamese the way people type it, as a function of (index, query).
 *
 * No DOM here: the page (search.js), the kiosk, an embedded widget and Node (tests, benchmark)
 * all call the very same search(index, query, limit). In a page it is window.congkhaiSearch;
 * in Node, require() returns it.
 *
 * The index (tim-kiem/chi-muc.js) is {fields, rows, synonyms}; each row is
 * [kind, code, title, field index, time, summary, url, keywords]. Kinds: 0 procedure,
 * 1 retired procedure, 2 plan task, 3 contact point. synonyms is a list of
 * [[everyday phrase, ...], official words]: the built-in lexicon and the ward's own file.
 *
 * How a query is read, word by word (all comparisons on a folded "key": no diacritics, đ = d,
 * ký = kí, lý = lí):
 * - filler words ("làm", "xin", "thủ tục", "ở đâu", ...) are dropped while others remain;
 * - an everyday phrase ("giấy chứng sinh", "CCCD") also counts as its official words;
 * - the last word, still being typed, matches as a prefix from its first letter;
 * - a word found nowhere is read again as telex leftovers ("kys", "ddaang"), with gi/d swapped,
 *   or with one typo when that gives a single known word (two at most from 5 letters);
 * - entries matching more of the words come first, then rarer words, words of the name, the
 *   words in order, exact diacritics, and shorter names. Nothing is dropped for a missing word.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.congkhaiSearch = api;
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  /* Ranking is by coverage first; within it, a retired procedure, a task or a contact point
   * gives way to a procedure in force unless it matches much better. */
  var KIND_PENALTY = [0, 6, 14, 14];
  /* Title words count fully; keywords almost; the field and the summary less. */
  var LIST_WEIGHT = [1, 0.9, 0.6, 0.4];
  /* Words that say "I want" rather than what: they never block a match and count little.
   * Matched on the folded key, but only when typed bare or with these very diacritics ("làm",
   * not "lâm"). */
  var FILLER_WORDS = ("làm xin cần muốn ở đâu gì cho tôi mình em phải được không giúp với ạ à " +
    "nhé thì là và hỏi trong có nộp online").split(" ");
  var FILLER_PHRASES = ["thủ tục", "như thế nào", "thế nào", "bao lâu", "bao nhiêu", "bao nhiêu tiền",
    "làm sao", "có thể", "ở đâu", "hồ sơ gồm", "những gì", "cái gì", "cho con", "cho bé",
    "cho cháu", "của tôi", "cho em bé", "cho tôi", "cho bố", "cho mẹ", "cho ba", "cho má",
    "cho ông", "cho bà", "cho vợ", "cho chồng", "cho người nhà", "cho anh", "cho chị",
    "của bố", "của mẹ", "gia đình tôi", "nhà tôi", "hồ sơ", "mất bao lâu", "qua mạng"];
  var FILLER_EXACT = new Set(FILLER_WORDS.concat(FILLER_PHRASES.join(" ").split(" ")));
  var ONSET_Y = /^(b|c|ch|d|g|gh|h|k|kh|l|m|n|ng|ngh|nh|p|ph|qu|r|s|t|th|tr|v|x)y$/;

  /* "Đăng Ký" -> "dang ky": lower case, no tone or vowel marks, đ -> d. */
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d").toLowerCase();
  }

  /* The key a word is compared on: folded, and "ky"/"ly"/"quy" written with i as many do. */
  function key(word) {
    var folded = fold(word);
    return ONSET_Y.test(folded) ? folded.slice(0, -1) + "i" : folded;
  }

  /* Latin letters with Vietnamese marks, combining marks and digits; anything else separates
   * words. (A plain character class: the Unicode-property one is several times slower.) */
  var SEPARATOR = /[^0-9a-z\u00c0-\u024f\u0300-\u036f\u1e00-\u1eff]+/;

  function words(text) {
    return text.normalize("NFC").toLowerCase().split(SEPARATOR).filter(Boolean);
  }

  /* The index is written in NFC already: skip normalising 2,000 names on every page. */
  function indexWords(text) {
    return text.toLowerCase().split(SEPARATOR).filter(Boolean);
  }

  /* A code as typed: "1.001193", "1001193", "1 001193"; a shorter run of digits is a prefix. */
  function digitsOf(query) {
    var trimmed = query.trim();
    return /^[\d.\s]+$/.test(trimmed) && /\d/.test(trimmed) ? trimmed.replace(/[\s.]/g, "") : null;
  }

  /* At most one typo: a letter wrong, missing, extra, or two letters swapped. */
  function withinOneEdit(a, b) {
    if (a === b) {
      return true;
    }
    if (Math.abs(a.length - b.length) > 1) {
      return false;
    }
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) {
      i++;
    }
    if (a.length === b.length) {
      return a.slice(i + 1) === b.slice(i + 1) ||
        (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
    }
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  /* What a telex keyboard leaves when the input method is off: "kys", "ddaang", "hoon". */
  function untelex(word) {
    var out = word.replace(/dd/g, "d").replace(/aa|aw/g, "a").replace(/ee/g, "e")
      .replace(/oo|ow/g, "o").replace(/uw/g, "u").replace(/([aeiouy])w/g, "$1");
    /* No Vietnamese word ends in s, f, r, x or j: there they are tone keys. */
    return out.replace(/([a-z])[sfrxj]$/, "$1");
  }

  /* gi/d sound alike in the North and are often swapped; only whole onsets are swapped. */
  function swapGiD(word) {
    if (/^gi[aeouy]/.test(word)) {
      return "d" + word.slice(2);
    }
    if (/^d[aeouy]/.test(word)) {
      return "gi" + word.slice(1);
    }
    return null;
  }

  function listOf(text, keys) {
    var original = indexWords(text || "");
    return {
      original: original,
      keys: original.map(function (word) {
        var found = keys.get(word);
        if (found === undefined) {
          found = key(word);
          keys.set(word, found);
        }
        return found;
      })
    };
  }

  /* Everything that does not depend on the query, computed once per index. */
  var cache = typeof WeakMap === "function" ? new WeakMap() : null;

  function prepare(index) {
    if (index.prepared) {
      return index;
    }
    var done = cache && cache.get(index);
    if (done) {
      return done;
    }
    done = prepareIndex(index);
    if (cache) {
      cache.set(index, done);
    }
    return done;
  }

  function prepareIndex(index) {
    var fields = index.fields || [];
    var documentFrequency = new Map();
    /* Where each word is: [entry, list, position] (an inverted index), so a query only
     * touches the entries that hold its words. */
    var postings = new Map();
    var keys = new Map();
    var fieldLists = fields.map(function (field) { return listOf(field, keys); });
    var entries = index.rows.map(function (row, order) {
      var lists = [listOf(row[2], keys), listOf(row[7] || "", keys),
        fieldLists[row[3]] || listOf("", keys), listOf(row[5] || "", keys)];
      var seen = new Set();
      lists.forEach(function (list, l) {
        list.keys.forEach(function (word, position) {
          /* "Thủ tục" opens half the names: it says nothing, and "tu…" must not find it. */
          if (l === 0 && ((word === "thu" && list.keys[position + 1] === "tuc") ||
              (word === "tuc" && list.keys[position - 1] === "thu"))) {
            return;
          }
          seen.add(word);
          var found = postings.get(word);
          if (!found) {
            found = [];
            postings.set(word, found);
          }
          found.push(order, l, position);
        });
      });
      seen.forEach(function (word) {
        documentFrequency.set(word, (documentFrequency.get(word) || 0) + 1);
      });
      var title = lists[0].keys;
      /* "(thực hiện tại cấp tỉnh)" says where, not what: it does not make a name longer. */
      var named = listOf(String(row[2]).replace(/\([^)]*\)/g, " "), keys).keys.filter(function (word, i, list) {
        return !((word === "thu" && list[i + 1] === "tuc") || (word === "tuc" && list[i - 1] === "thu"));
      });
      return {
        kind: row[0], code: row[1], title: row[2], field: fields[row[3]] || "", time: row[4],
        url: row[6], order: order, lists: lists, titleText: " " + title.join(" ") + " ",
        titleLength: Math.max(named.length, 1), codeDigits: String(row[1]).replace(/\./g, "")
      };
    });
    var synonyms = (index.synonyms || []).map(function (item) {
      return {
        everyday: item[0].map(function (phrase) { return words(phrase).map(key); })
          .filter(function (phrase) { return phrase.length; }),
        means: words(item[1]).map(key)
      };
    });
    var known = new Set(documentFrequency.keys());
    var originals = new Set(keys.keys());
    var weights = new Map();
    documentFrequency.forEach(function (df, word) {
      weights.set(word, 1 + Math.log((entries.length + 1) / (df + 1)));
    });
    synonyms.forEach(function (item) {
      item.everyday.forEach(function (phrase) { phrase.forEach(function (w) { known.add(w); }); });
    });
    var fillerWords = new Set(FILLER_WORDS.map(key));
    var fillerPhrases = FILLER_PHRASES.map(function (phrase) { return words(phrase).map(key); });
    fillerWords.forEach(function (word) { known.add(word); });
    fillerPhrases.forEach(function (phrase) { phrase.forEach(function (w) { known.add(w); }); });
    return {
      prepared: true, entries: entries, df: documentFrequency, known: known, originals: originals,
      postings: postings, partCache: new Map(),
      weights: weights, rare: 1 + Math.log(entries.length + 1),
      vocabulary: Array.from(documentFrequency.keys()).sort(function (a, b) {
        return documentFrequency.get(b) - documentFrequency.get(a) || (a < b ? -1 : 1);
      }), synonyms: synonyms,
      fillerWords: fillerWords, fillerPhrases: fillerPhrases
    };
  }

  /* Rarer words say more: inverse document frequency, the same for a word not in the index. */
  function idf(prepared, word) {
    return prepared.weights.get(word) || prepared.rare;
  }

  /* The index words a query word can stand for, each with how sure we are (1 = as typed). */
  function readings(prepared, word, last, typed) {
    var found = new Map();
    function add(candidate, quality) {
      if (prepared.df.has(candidate) && !(found.get(candidate) >= quality)) {
        found.set(candidate, quality);
      }
    }
    /* The word being typed is the start of a longer one; a longer start says more. */
    function starts(stem, quality) {
      /* A stem that is a word itself ("hộ") must not lose to a rarer word it starts ("học"). */
      var cap = prepared.df.has(stem) ? 0.9 * idf(prepared, stem) : Infinity;
      /* One or two letters start hundreds of words: the commonest are what people type. */
      var limit = stem.length <= 2 ? 40 : Infinity;
      var vocabulary = prepared.vocabulary;
      for (var v = 0; v < vocabulary.length && limit > 0; v++) {
        var candidate = vocabulary[v];
        if (candidate.length > stem.length && candidate.indexOf(stem) === 0) {
          add(candidate, Math.min(quality, cap / idf(prepared, candidate)));
          limit--;
        }
      }
    }
    var startQuality = Math.min(0.8, 0.35 + 0.15 * word.length);
    add(word, 1);
    if (last) {
      starts(word, startQuality);
    }
    /* A word typed with marks that no name has ("dám") may still be a misspelling. */
    var marked = typed !== undefined && typed !== word && !prepared.originals.has(typed);
    if (prepared.known.has(word) && !marked) {
      return found;
    }
    var telex = key(untelex(word));
    if (telex !== word) {
      add(telex, 0.85);
      if (last) {
        starts(telex, startQuality * 0.9);
      }
    }
    var swapped = swapGiD(word);
    if (swapped) {
      add(key(swapped), 0.8);
    }
    /* The last word may be a finished word with a typo ("hin") as well as a start ("hìn…"). */
    if ((found.size && !marked && !last) || word.length < 3 || prepared.known.has(word)) {
      return found;
    }
    /* A key pressed twice ("sinhh", "truu") is the commonest slip of all. */
    var single = word.replace(/(.)\1/g, "$1");
    if (single !== word && prepared.df.has(single)) {
      add(single, 0.8);
      return found;
    }
    var near = prepared.vocabulary.filter(function (candidate) {
      return candidate.length >= 3 && withinOneEdit(word, candidate);
    });
    /* One typo only when it points to one word (or two from 5 letters): "hin" could be anything. */
    if (near.length === 1 || (near.length === 2 && word.length >= 5)) {
      near.forEach(function (candidate) { add(candidate, 0.65); });
    } else if (near.length && near.length <= 6) {
      /* Ambiguous ("hom": hôn? hợp? hồ?): a weak guess, which words next to it may confirm. */
      near.forEach(function (candidate) { add(candidate, 0.3); });
    }
    if (last && !found.size) {
      /* Mid-word with a typo ("dna" for "dan…"): the start of a word, one letter off. */
      var size = word.length;
      prepared.vocabulary.forEach(function (candidate) {
        if (candidate.length > size && (withinOneEdit(word, candidate.slice(0, size)) ||
            withinOneEdit(word, candidate.slice(0, size + 1)) ||
            withinOneEdit(word, candidate.slice(0, size - 1)))) {
          add(candidate, 0.3);
        }
      });
    }
    return found;
  }

  function typedBare(typed, word) {
    return typed === word || FILLER_EXACT.has(typed);
  }

  /* The query as units, each {filler, alternatives}: an alternative is a list of words
   * ({typed, readings}); an everyday phrase has its official words as further alternatives. */
  function parse(prepared, query) {
    var typed = words(query);
    var keys = typed.map(key);
    var typing = !/[\s,.;]$/.test(query);
    var filler = keys.map(function (word, i) {
      return prepared.fillerWords.has(word) && typedBare(typed[i], word);
    });
    prepared.fillerPhrases.forEach(function (phrase) {
      for (var i = 0; i + phrase.length <= keys.length; i++) {
        if (phrase.every(function (w, j) { return keys[i + j] === w && typedBare(typed[i + j], w); })) {
          phrase.forEach(function (w, j) { filler[i + j] = true; });
        }
      }
    });
    var units = [];
    var i = 0;
    while (i < keys.length) {
      var span = 1, means = [], guess = false;
      prepared.synonyms.forEach(function (item) {
        item.everyday.forEach(function (phrase) {
          var fits = phrase.length >= span && i + phrase.length <= keys.length &&
            phrase.every(function (w, j) { return keys[i + j] === w; });
          if (fits) {
            if (phrase.length > span) {
              means = [];
              span = phrase.length;
            }
            means.push(item.means);
          }
        });
      });
      var rest = keys.length - i;
      var lastKey = keys[keys.length - 1];
      /* Only for a word no name contains or starts ("xin", "CC"), or the next word of a phrase
       * begun ("lấy v"): the list must not empty, and a finished word needs no guessing. */
      if (!means.length && !prepared.df.has(lastKey) && (rest > 1 || lastKey.length >= 2 &&
          !prepared.vocabulary.some(function (word) { return word.indexOf(lastKey) === 0; }))) {
        /* The citizen is still typing an everyday phrase ("xin ph", "CC"): offer what it means. */
        var guesses = new Set();
        prepared.synonyms.forEach(function (item) {
          item.everyday.forEach(function (phrase) {
            var fits = phrase.length >= rest && phrase.slice(0, rest - 1).every(function (w, j) {
              return keys[i + j] === w;
            }) && (typing ? phrase[rest - 1].indexOf(keys[keys.length - 1]) === 0 &&
              !(phrase.length === rest && phrase[rest - 1] === keys[keys.length - 1]) :
              phrase.length > rest && phrase[rest - 1] === keys[keys.length - 1]);
            if (fits) {
              guesses.add(item.means);
            }
          });
        });
        if (guesses.size && guesses.size <= 12) {
          span = rest;
          means = Array.from(guesses);
          guess = true;
        }
      }
      var own = [];
      for (var j = i; j < i + span; j++) {
        if (span > 1 || !filler[j]) {
          own.push({ word: keys[j], typed: typed[j], last: typing && j === keys.length - 1 });
        }
      }
      var isFiller = span === 1 && filler[i];
      if (isFiller) {
        own.push({ word: keys[i], typed: typed[i], last: typing && i === keys.length - 1 });
      }
      var alternatives = [own].concat(means.map(function (list) {
        return list.map(function (word) { return { word: word, typed: word, last: false, means: true }; });
      }));
      units.push({
        filler: isFiller,
        guess: guess,
        alternatives: alternatives.map(function (alternative) {
          return alternative.map(function (part) {
            return { typed: part.typed, means: part.means, marked: part.typed !== part.word && part.typed !== fold(part.typed),
              readings: readings(prepared, part.word, part.last, part.typed) };
          });
        })
      });
      i += span;
    }
    units.forEach(function (unit) { unit.weight = unitWeight(prepared, unit); });
    /* A query of filler words only ("làm", "xin") is taken as it is. */
    if (units.every(function (unit) { return unit.filler; })) {
      units.forEach(function (unit) { unit.filler = false; });
      units.onlyFiller = units.length > 0;
    }
    return units;
  }

  /* Every entry one query word matches, with the best of its readings there, in flat arrays
   * (a query over 2,000 entries must not make 2,000 objects per word): value, quality, in
   * the name or not, position in the name (-1 elsewhere), and the list of entries touched. */
  function partMatches(prepared, part) {
    /* Everyday phrases share official words ("thẻ", "bảo hiểm"): match each word once per query. */
    var id = part.typed + "|" + (part.marked ? 1 : 0) + "|" +
      Array.from(part.readings.entries()).join(";");
    var cached = prepared.partCache.get(id);
    if (cached) {
      return cached;
    }
    var size = prepared.entries.length;
    var result = { value: new Float64Array(size), quality: new Float64Array(size),
      inTitle: new Uint8Array(size), at: new Int32Array(size), touched: [] };
    part.readings.forEach(function (quality, word) {
      var found = prepared.postings.get(word) || [];
      var weight = idf(prepared, word);
      for (var p = 0; p < found.length; p += 3) {
        var entry = found[p], l = found[p + 1], position = found[p + 2];
        var q = quality;
        /* "hộ" typed with its marks: "hộ" is a better match than "họ". */
        if (part.marked) {
          q *= prepared.entries[entry].lists[l].original[position] === part.typed ? 1.1 : 0.7;
        }
        var value = q * LIST_WEIGHT[l] * weight;
        if (value > result.value[entry]) {
          if (!result.value[entry]) {
            result.touched.push(entry);
          }
          result.value[entry] = value;
          result.quality[entry] = q;
          result.inTitle[entry] = l === 0 ? 1 : 0;
          result.at[entry] = l === 0 ? position : -1;
        }
      }
    });
    prepared.partCache.set(id, result);
    return result;
  }

  /* How much a unit weighs in the coverage: the rarity of what it can match. */
  function unitWeight(prepared, unit) {
    /* A recognised everyday phrase ("mở quán") is what the query is about. */
    if (unit.alternatives.length > 1) {
      return prepared.rare;
    }
    return Math.max.apply(null, unit.alternatives.map(function (parts) {
      var sum = 0;
      parts.forEach(function (part) {
        /* A guessed reading weighs less: a garbled word must not outweigh one typed right. */
        var best = 0;
        part.readings.forEach(function (quality, word) {
          best = Math.max(best, idf(prepared, word) * Math.min(1, quality / 0.8));
        });
        sum += part.readings.size ? best : prepared.rare;
      });
      return sum / parts.length;
    }));
  }

  /* The entries a unit matches: entry number -> {value, share, inTitle, at}. */
  function unitMatches(prepared, unit) {
    var best = new Map();
    unit.alternatives.forEach(function (parts, number) {
      var matches = parts.map(function (part) { return partMatches(prepared, part); });
      var touched = new Set();
      matches.forEach(function (match) { match.touched.forEach(function (entry) { touched.add(entry); }); });
      /* Half of a recognised phrase ("quán" of "mở quán") is a different word, not half a match. */
      var whole = number === 0 && unit.alternatives.length > 1 && parts.length > 1;
      var bonus = unit.guess ? 1 : number ? 1.25 : 1;
      touched.forEach(function (entry) {
        var sum = 0, hits = 0, inTitle = 0, at = [];
        for (var m = 0; m < matches.length; m++) {
          var match = matches[m];
          if (match.value[entry]) {
            sum += match.value[entry];
            /* A guess from a word's first letters with a typo counts as half a word found. */
            hits += match.quality[entry] >= 0.35 ? 1 : 0.5;
            inTitle += match.inTitle[entry];
            at.push(match.at[entry]);
          }
        }
        if (whole && (hits < parts.length ||
            at.some(function (position, k) { return k && position !== at[k - 1] + 1; }))) {
          return;
        }
        if (number && at.length > 8) {
          /* A long official phrase found in a row counts as much as a short one. */
          at = at.slice(0, 8);
        }
        var share = hits / parts.length;
        /* The official words of an everyday phrase are what the citizen meant. */
        var value = sum / parts.length * (0.5 + 0.5 * share) * bonus;
        var old = best.get(entry);
        if (!old || share > old.share || (share === old.share && value > old.value)) {
          best.set(entry, { value: value, share: share, inTitle: inTitle / parts.length, at: at });
        }
      });
    });
    return best;
  }

  function score(prepared, entry, units, matches) {
    var matched = 0, counted = 0, total = 0, titleHits = 0, positions = [];
    units.forEach(function (unit, u) {
      var found = matches[u].get(entry.order);
      var weight = unit.filler ? 0.05 : 1;
      if (!unit.filler) {
        counted += unit.weight;
      }
      if (found) {
        matched += unit.filler ? 0 : found.share * found.share * unit.weight;
        total += weight * found.value;
        titleHits += weight * found.inTitle;
        positions = positions.concat(unit.filler ? [-1] : found.at);
      } else {
        positions.push(-1);
      }
    });
    if (!total) {
      return null;
    }
    /* Words found next to each other, in the order typed, are the name people remember. */
    var inOrder = 0;
    for (var p = 1; p < positions.length; p++) {
      if (positions[p] >= 0 && positions[p] === positions[p - 1] + 1) {
        inOrder++;
      }
    }
    var value = total + 1.5 * inOrder + 4 * titleHits / entry.titleLength - KIND_PENALTY[entry.kind];
    /* Coverage (weighted by rarity) in steps, so a small difference does not outweigh all else. */
    return { coverage: counted ? Math.round(4 * matched / counted) : 4, value: value };
  }

  function byCode(prepared, digits, limit) {
    var exact = [], prefix = [];
    prepared.entries.forEach(function (entry) {
      if (entry.kind >= 2) {
        return;
      }
      if (entry.codeDigits === digits) {
        exact.push(entry);
      } else if (digits.length < 7 && entry.codeDigits.indexOf(digits) === 0) {
        prefix.push(entry);
      }
    });
    var sorted = exact.concat(prefix).sort(function (a, b) {
      return (a.codeDigits === digits ? 0 : 1) - (b.codeDigits === digits ? 0 : 1) ||
        a.kind - b.kind || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
    });
    return sorted.slice(0, limit);
  }

  /* The best entries for a query, best first. ``index`` is the raw index or prepare(index).
   * The array also says which typed words matched nothing (``unmatched``). */
  function search(index, query, limit) {
    var prepared = prepare(index);
    limit = limit || 10;
    var digits = digitsOf(query);
    if (digits) {
      var coded = byCode(prepared, digits, limit);
      if (coded.length || digits.length >= 7) {
        coded.unmatched = coded.length ? [] : [query.trim()];
        coded.incomplete = false;
        return coded;
      }
    }
    var units = parse(prepared, query);
    var results = [];
    prepared.partCache = new Map();
    if (units.length) {
      var matches = units.map(function (unit) { return unitMatches(prepared, unit); });
      var touched = new Set();
      matches.forEach(function (map) { map.forEach(function (value, entry) { touched.add(entry); }); });
      touched.forEach(function (number) {
        var entry = prepared.entries[number];
        var value = score(prepared, entry, units, matches);
        if (value) {
          results.push({ entry: entry, coverage: value.coverage, value: value.value });
        }
      });
    }
    results.sort(function (a, b) {
      return b.coverage - a.coverage || b.value - a.value || a.entry.order - b.entry.order;
    });
    var found = results.slice(0, limit).map(function (result) { return result.entry; });
    found.unmatched = units.filter(function (unit) {
      return !unit.filler && unit.alternatives.every(function (parts) {
        return parts.every(function (part) { return !part.readings.size; });
      });
    }).map(function (unit) {
      return unit.alternatives[0].map(function (part) { return part.typed; }).join(" ");
    });
    /* Nothing yet, but the citizen has not finished: only filler words, or a word of one or
     * two letters still being typed. A page keeps its previous results meanwhile. */
    var lastWord = words(query).pop() || "";
    found.incomplete = !found.length && (units.onlyFiller ||
      (!/[\s,.;]$/.test(query) && lastWord.length <= 2));
    return found;
  }

  return { fold: fold, key: key, prepare: prepare, search: search,
    internal: { parse: parse, score: score, unitMatches: unitMatches } };
});
