// The search box: finds competencies, roles, teams, people and articles by
// title, summary and text as the reader types, with prefixes and typos,
// from search.json, which the build writes. MiniSearch and the index load on
// first use. Results are built as elements with textContent: nothing from
// the index is read as HTML.
(function () {
  'use strict';
  var form = document.querySelector('form.search');
  if (!form || !window.fetch) {
    return;
  }
  form.hidden = false;
  var input = form.querySelector('input');
  var list = form.querySelector('.search-results');
  var status = form.querySelector('#search-status');
  var root = form.getAttribute('data-root');
  var engine = null;
  var loading = null;

  function load() {
    if (loading) {
      return loading;
    }
    loading = new Promise(function (resolve, reject) {
      var script = document.createElement('script');
      script.src = form.getAttribute('data-lib');
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    }).then(function () {
      return fetch(form.getAttribute('data-index'));
    }).then(function (response) {
      return response.json();
    }).then(function (docs) {
      engine = new MiniSearch({
        fields: ['title', 'summary', 'text'],
        storeFields: ['title', 'kind', 'summary', 'url'],
        searchOptions: { prefix: true, fuzzy: 0.2, boost: { title: 3, summary: 1.5 } }
      });
      engine.addAll(docs);
    });
    return loading;
  }

  function close() {
    list.hidden = true;
    status.textContent = '';
  }

  function show(results, query) {
    list.textContent = '';
    if (!results.length) {
      var none = document.createElement('li');
      none.className = 'empty';
      none.textContent = 'Nothing found for “' + query + '”.';
      list.appendChild(none);
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
    if (!query) {
      close();
      return;
    }
    load().then(function () {
      if (input.value.trim() === query) {
        show(engine.search(query).slice(0, 10), query);
      }
    });
  }

  input.addEventListener('focus', function () { load(); });
  input.addEventListener('input', update);
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var first = list.querySelector('a');
    if (first) {
      location.href = first.href;
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
