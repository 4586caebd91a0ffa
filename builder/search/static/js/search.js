// The search box: finds competencies, roles, teams, people and articles by
// title, summary and text as the reader types, with prefixes and typos.
//
// The build writes the index in parts (see the builder's search.go): a
// manifest of terms, shards of postings and chunks of documents. The
// manifest loads on first focus; each query then fetches only the shards of
// the terms it matches and the chunks of its first results. Results are
// built as elements with textContent: nothing from the index is read as HTML.
(function () {
  'use strict';
  var form = document.querySelector('form.search');
  if (!form || !window.fetch || !window.Promise) {
    return;
  }
  form.hidden = false;
  var input = form.querySelector('input');
  var list = form.querySelector('.search-results');
  var status = form.querySelector('#search-status');
  var root = form.getAttribute('data-root');
  var index = form.getAttribute('data-index');
  var dir = index.slice(0, index.lastIndexOf('/') + 1);
  var files = {};
  var manifest = null;
  var loading = null;
  var latest = 0;

  // Weights of a match: a word the query begins counts less than the word
  // itself, and a word within a typo or two less again.
  var PREFIX = 0.375;
  var FUZZY = 0.45;
  var MAX_EXPANSIONS = 30;
  var RESULTS = 10;

  function get(name) {
    if (!files[name]) {
      files[name] = fetch(dir + name).then(function (response) {
        if (!response.ok) {
          throw new Error(name + ': ' + response.status);
        }
        return response.json();
      });
      files[name].catch(function () {
        delete files[name];
      });
    }
    return files[name];
  }

  function load() {
    if (!loading) {
      loading = get('index.json').then(function (m) {
        manifest = m;
      });
      loading.catch(function () {
        loading = null;
      });
    }
    return loading;
  }

  // words splits text the way the build does: lower-case runs of letters,
  // marks and digits.
  function words(text) {
    return text.toLowerCase().split(/[^\p{L}\p{M}\p{N}]+/u).filter(Boolean);
  }

  // first is the index of the first term not less than word.
  function first(terms, word) {
    var lo = 0;
    var hi = terms.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (terms[mid] < word) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  // distance is the edit distance of a and b, or limit + 1 when it is more.
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) {
      return limit + 1;
    }
    var prev = [];
    for (var j = 0; j <= b.length; j++) {
      prev.push(j);
    }
    for (var i = 1; i <= a.length; i++) {
      var cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        cur.push(d);
        best = Math.min(best, d);
      }
      if (best > limit) {
        return limit + 1;
      }
      prev = cur;
    }
    return prev[b.length];
  }

  // expand lists the terms a query word matches, by term index, with the
  // weight of each: the word itself, the commonest words it begins, and the
  // commonest words within round(length / 5) edits, at most 2.
  function expand(word) {
    var terms = manifest.terms;
    var df = manifest.df;
    var found = {};
    var byDF = function (a, b) {
      return df[b] - df[a] || a - b;
    };
    var at = first(terms, word);
    if (terms[at] === word) {
      found[at] = 1;
    }
    var longer = [];
    for (var i = at; i < terms.length && terms[i].lastIndexOf(word, 0) === 0; i++) {
      if (terms[i] !== word) {
        longer.push(i);
      }
    }
    longer.sort(byDF).slice(0, MAX_EXPANSIONS).forEach(function (i) {
      var extra = terms[i].length - word.length;
      found[i] = PREFIX * terms[i].length / (terms[i].length + 0.3 * extra);
    });
    var edits = Math.min(2, Math.round(word.length / 5));
    if (edits > 0) {
      var near = [];
      var dist = {};
      for (i = 0; i < terms.length; i++) {
        if (found[i] === undefined) {
          var d = distance(word, terms[i], edits);
          if (d <= edits) {
            near.push(i);
            dist[i] = d;
          }
        }
      }
      near.sort(byDF).slice(0, MAX_EXPANSIONS).forEach(function (i) {
        found[i] = FUZZY * terms[i].length / (terms[i].length + dist[i]);
      });
    }
    return found;
  }

  // shardOf is the shard holding the postings of term i.
  function shardOf(i) {
    var shards = manifest.shards;
    var lo = 0;
    var hi = shards.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (shards[mid] <= i) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  // search finds the documents of a query: those matching more of its words
  // first, then by score.
  function search(query) {
    var expanded = words(query).map(expand);
    var needed = {};
    expanded.forEach(function (found) {
      Object.keys(found).forEach(function (i) {
        needed[shardOf(+i)] = true;
      });
    });
    var shards = Object.keys(needed).map(Number);
    return Promise.all(shards.map(function (s) {
      return get(manifest.files[s]);
    })).then(function (data) {
      var postings = {};
      shards.forEach(function (s, k) {
        postings[s] = data[k];
      });
      var score = {};
      var hits = {};
      expanded.forEach(function (found) {
        var mine = {};
        Object.keys(found).forEach(function (key) {
          var i = +key;
          var s = shardOf(i);
          var list = postings[s][i - manifest.shards[s]];
          var doc = 0;
          for (var k = 0; k < list.length; k += 2) {
            doc += list[k];
            mine[doc] = (mine[doc] || 0) + found[i] * list[k + 1];
          }
        });
        Object.keys(mine).forEach(function (doc) {
          score[doc] = (score[doc] || 0) + mine[doc];
          hits[doc] = (hits[doc] || 0) + 1;
        });
      });
      var docs = Object.keys(score).map(Number).sort(function (a, b) {
        return hits[b] - hits[a] || score[b] - score[a] || a - b;
      }).slice(0, RESULTS);
      return Promise.all(docs.map(function (doc) {
        return get(manifest.chunks[Math.floor(doc / manifest.chunk)]).then(function (chunk) {
          var d = chunk[doc % manifest.chunk];
          return { kind: manifest.kinds[d[0]], title: d[1], summary: d[2], url: d[3] };
        });
      }));
    });
  }

  function close() {
    list.hidden = true;
    status.textContent = '';
  }

  function say(text) {
    list.textContent = '';
    var item = document.createElement('li');
    item.className = 'empty';
    item.textContent = text;
    list.appendChild(item);
    list.hidden = false;
  }

  function show(results, query) {
    list.textContent = '';
    if (!results.length) {
      say('Nothing found for “' + query + '”.');
    }
    results.forEach(function (r) {
      var item = document.createElement('li');
      var link = document.createElement('a');
      link.href = root + r.url;
      var kind = document.createElement('span');
      kind.className = 'kind';
      kind.textContent = r.kind;
      var title = document.createElement('span');
      title.className = 'title';
      title.textContent = r.title;
      link.appendChild(kind);
      link.appendChild(title);
      if (r.summary) {
        var summary = document.createElement('span');
        summary.className = 'summary';
        summary.textContent = r.summary;
        link.appendChild(summary);
      }
      item.appendChild(link);
      list.appendChild(item);
    });
    list.hidden = false;
    status.textContent = results.length === 1 ? '1 result; press the down arrow to reach it.' :
      results.length + ' results' + (results.length ? '; press the down arrow to reach them.' : '.');
  }

  function update() {
    var query = input.value.trim();
    var mine = ++latest;
    if (!query) {
      close();
      return;
    }
    load().then(function () {
      return search(query);
    }).then(function (results) {
      if (mine === latest) {
        show(results, query);
      }
    }, function () {
      if (mine === latest) {
        say('Search is not available: its index could not be loaded.');
      }
    });
  }

  input.addEventListener('focus', function () {
    load().catch(function () {});
  });
  input.addEventListener('input', update);
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var link = list.querySelector('a');
    if (link) {
      location.href = link.href;
    }
  });
  form.addEventListener('keydown', function (e) {
    var links = Array.prototype.slice.call(list.querySelectorAll('a'));
    var at = links.indexOf(document.activeElement);
    if (e.key === 'Escape') {
      close();
      input.focus();
    } else if (e.key === 'ArrowDown' && links.length) {
      e.preventDefault();
      links[Math.min(at + 1, links.length - 1)].focus();
    } else if (e.key === 'ArrowUp' && links.length) {
      e.preventDefault();
      if (at <= 0) {
        input.focus();
      } else {
        links[at - 1].focus();
      }
    }
  });
  document.addEventListener('click', function (e) {
    if (!form.contains(e.target)) {
      close();
    }
  });
})();
